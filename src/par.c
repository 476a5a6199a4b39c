/* par: see par.h. */
#include "par.h"

#include <glib.h>

typedef struct loop {
	size_t n;
	gint next;                 /* the next step a thread takes (atomic) */
	void (*each)(size_t i, void *data);
	void *data;
} loop;

static gpointer run(gpointer data)
{
	loop *l = data;
	for (gint i; (size_t)(i = g_atomic_int_add(&l->next, 1)) < l->n;)
		l->each((size_t)i, l->data);
	return NULL;
}

void yb_par_for(size_t n, int threads, void (*each)(size_t i, void *data), void *data)
{
	g_assert(n < G_MAXINT);
	loop l = {n, 0, each, data};
	size_t want = threads > 0 ? (size_t)threads : g_get_num_processors();
	want = MIN(want, n);
	GThread **th = g_new0(GThread *, want + 1);
	size_t started = 0;
	while (started + 1 < want && (th[started] = g_thread_try_new("par", run, &l, NULL)))
		started++;
	run(&l);
	for (size_t i = 0; i < started; i++)
		g_thread_join(th[i]);
	g_free(th);
}
