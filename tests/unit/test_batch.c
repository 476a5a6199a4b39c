/* test_batch: the page count yearbook batch reads from a finished PDF. */
#include "batch.h"

#include "t.h"

static int pages(const char *pdf)
{
	return yb_batch_pdf_pages(pdf, strlen(pdf));
}

int main(void)
{
	T_INTEQ("a flat page tree", pages("1 0 obj\n<< /Type /Pages\n   /Kids [ 2 0 R ]\n   /Count 17\n>>\nendobj\n"), 17);
	T_INTEQ("nested nodes: the root counts them all",
	        pages("3 0 obj << /Type /Pages /Parent 1 0 R /Count 8 >> endobj\n"
	              "1 0 obj << /Type /Pages /Kids [3 0 R 4 0 R] /Count 12 >> endobj\n"
	              "4 0 obj << /Type /Pages /Parent 1 0 R /Count 4 >> endobj\n"), 12);
	T_INTEQ("an outline's /Count is not pages",
	        pages("5 0 obj << /Type /Outlines /Count 300 >> endobj\n"
	              "1 0 obj << /Type /Pages /Kids [2 0 R] /Count 6 >> endobj\n"), 6);
	T_INTEQ("a /Count after the Pages object's end is not its own",
	        pages("1 0 obj << /Type /Pages /Kids [2 0 R] >> endobj\n6 0 obj << /Count 99 >> endobj\n"), -1);
	char bin[] = "%PDF-1.5\n%\xe2\xe3\0\0stream\0\0endstream\n1 0 obj << /Type /Pages /Count 3 >> endobj\n";
	T_INTEQ("NUL bytes in streams before it", yb_batch_pdf_pages(bin, sizeof bin - 1), 3);
	T_INTEQ("no page tree", pages("%PDF-1.4\n"), -1);
	T_DONE();
}
