/* output: where a book goes, and writing it without ever leaving half of it.
 *
 * Design note.  What the output path names decides how it is written:
 *   a new name, or an existing PDF (a symbolic link to one is followed)
 *        -> a temporary file `.NAME.XXXXXX` beside it, renamed over it at the
 *           end; the existing file's permission bits (and, for root, owner)
 *           are kept.  The temporary file is locked while it is written, so
 *           a temporary of this pattern that nobody holds locked was left by
 *           a killed build and is removed at the next build of that output.
 *   `-`, a character device or a pipe (or a link to one)
 *        -> an unlinked temporary file in $TMPDIR, copied into the device or
 *           pipe (opened for writing, never replaced) once it is complete.
 *        A pipe nobody reads yet is waited for, with a note.
 *   an existing file that is not a PDF, a PDF that is read-only or not ours
 *   to write, a folder, a block device, a socket, a dangling link, an empty
 *   name -> refused before anything is laid out.
 * Standard input, output and error are kept open from the start (on
 * /dev/null when closed), so no file opened later takes their numbers.
 * The PDF backend reads back what it wrote (its incremental update), so the
 * bytes always go through a file first.
 */
#include "output.h"

#include "diag.h"

#include <assert.h>
#include <errno.h>
#include <fcntl.h>
#include <glib.h>
#include <glib/gstdio.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#define PDF_MAGIC "%PDF-"

typedef enum kind { OUT_NEW, OUT_REPLACE, OUT_IN_PLACE, OUT_STDOUT } kind;

struct yb_output {
	char *path;         /* as given, for messages */
	char *final;        /* OUT_NEW/OUT_REPLACE: the file renamed over (links followed) */
	char *tmp;          /* OUT_NEW/OUT_REPLACE: the temporary file's name */
	kind kind;
	int fd;             /* the temporary file */
	int dirfd;          /* OUT_NEW/OUT_REPLACE: its folder, to remove it if the folder moves */
	int failed;
	long size;          /* bytes written, buffered ones included */
	char buf[1 << 16];  /* cairo writes in small pieces: one system call per 64 KiB */
	size_t nbuf;
};

static void release(yb_output *o);

/* The temporary file the signal handler removes (async-signal-safe use only). */
static char *volatile pending;

/* Removes the temporary file, says why, and exits (async-signal-safe). */
static void leave(const char *msg, size_t len, int status)
{
	char *p = pending;
	if (p)
		unlink(p);
	ssize_t ignored = write(2, msg, len);
	(void)ignored;
	_exit(status);
}

static void on_signal(int sig)
{
	static const char msg[] = "yearbook: interrupted; no output written\n";
	leave(msg, sizeof msg - 1, 128 + sig);
}

/* A fatal error in GLib (an allocation that failed), an assertion in a
 * library, or a crash under memory pressure: exit 3 with a word, not 133 or
 * 139, and without the temporary file. */
static void on_fault(int sig)
{
	static const char msg[] = "yearbook: error: out of memory, or a library failed (see above); no output written\n";
	leave(msg, sizeof msg - 1, 3);
}

void yb_output_catch_faults(void)
{
	static char stack[1 << 16]; /* a stack overflow needs another stack to report it */
	stack_t ss = {.ss_sp = stack, .ss_size = sizeof stack};
	sigaltstack(&ss, NULL);
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_fault;
	sa.sa_flags = SA_ONSTACK;
	sigemptyset(&sa.sa_mask);
	int sigs[] = {SIGTRAP, SIGABRT, SIGSEGV, SIGBUS};
	for (size_t i = 0; i < G_N_ELEMENTS(sigs); i++)
		sigaction(sigs[i], &sa, NULL);
}

/* Set when the program started with standard output closed. */
static int stdout_closed;

void yb_output_guard_stdio(void)
{
	for (int fd = 0; fd <= 2; fd++) {
		if (fcntl(fd, F_GETFD) >= 0 || errno != EBADF)
			continue;
		if (fd == 1)
			stdout_closed = 1;
		/* the lowest free descriptor: this one */
		if (open("/dev/null", fd == 0 ? O_RDONLY : O_WRONLY) < 0)
			return;
	}
}

int yb_output_check_epoch(const char *sde)
{
	if (!sde || !*sde)
		return 0;
	char *end;
	errno = 0;
	long long t = strtoll(sde, &end, 10);
	/* 9999-12-31T23:59:59Z: the last date a PDF can carry */
	if (*end || errno || t < 0 || t > 253402300799LL || !g_ascii_isdigit(*sde))
		return yb_diag_usage("SOURCE_DATE_EPOCH='%s' is not a time a PDF can carry (whole seconds since "
		                     "1970, up to the year 9999); fix it or unset it", sde);
	return 0;
}

static void catch_signals(void)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	signal(SIGXFSZ, SIG_IGN); /* a file size limit is a write error, not a crash */
	signal(SIGPIPE, SIG_IGN); /* so is a pipe whose reader went away */
}

/* ---- what the path names ---------------------------------------------------- */

/* The file starts with `magic`, what yearbook itself writes there. */
static int is_ours(const char *path, off_t size, const char *magic)
{
	if (size == 0)
		return 1; /* an empty file holds nothing to lose */
	char head[16] = {0};
	size_t len = strlen(magic);
	assert(len <= sizeof head);
	int fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
	if (fd < 0)
		return 0;
	ssize_t n = read(fd, head, len);
	close(fd);
	return n == (ssize_t)len && memcmp(head, magic, len) == 0;
}

static int check_folder(const char *path, const char *file)
{
	char *dir = g_path_get_dirname(file);
	int rc = 0;
	if (g_file_test(dir, G_FILE_TEST_EXISTS) && !g_file_test(dir, G_FILE_TEST_IS_DIR))
		rc = yb_diag_usage("cannot write '%s': '%s' is a file, not a folder; choose another output", path, dir);
	else if (!g_file_test(dir, G_FILE_TEST_IS_DIR))
		rc = yb_diag_syserr("cannot write '%s': the folder '%s' does not exist; create it (mkdir -p '%s') "
		                    "or choose another output", path, dir, dir);
	else if (access(dir, W_OK) != 0)
		rc = yb_diag_syserr("cannot write '%s': the folder '%s' is not writable (%s); choose another output",
		                    path, dir, strerror(errno));
	g_free(dir);
	return rc;
}

/* How `path` is written; *final gets the file to rename over (OUT_NEW and
 * OUT_REPLACE), *st the existing file's stat.  -1 after a diagnostic. */
static int classify(const char *path, const char *magic, kind *k, char **final, struct stat *st)
{
	*final = NULL;
	if (!*path)
		return yb_diag_usage("the output file name is empty; give one, e.g. -o book.pdf");
	if (strcmp(path, "-") == 0) {
		if (stdout_closed)
			return yb_diag_usage("'-o -' writes the PDF to standard output, which is closed; "
			                     "redirect it to a file or a program, or give an output file");
		if (isatty(1))
			return yb_diag_usage("'-o -' writes the PDF to standard output, which is a terminal; "
			                     "redirect it to a file or a program");
		*k = OUT_STDOUT;
		return 0;
	}
	struct stat lst;
	if (lstat(path, &lst) != 0) {
		if (errno == ENOTDIR)
			return yb_diag_usage("the output '%s' is not in a folder: a part of its path is a file; "
			                     "choose another output file", path);
		if (errno != ENOENT)
			return yb_diag_syserr("cannot write '%s': %s", path, strerror(errno));
		*k = OUT_NEW;
		*final = g_strdup(path);
		if (check_folder(path, path) == 0)
			return 0;
		g_clear_pointer(final, g_free);
		return -1;
	}
	if (stat(path, st) != 0)
		return yb_diag_usage("the output '%s' is a symbolic link %s; remove the link or choose another "
		                     "output file", path, errno == ELOOP ? "that leads back to itself"
		                     : "to a file that does not exist");
	if (S_ISDIR(st->st_mode))
		return yb_diag_usage("the output '%s' is a folder; give a file name, e.g. '%s%sbook.pdf'", path,
		                     path, g_str_has_suffix(path, "/") ? "" : "/");
	if (S_ISCHR(st->st_mode) || S_ISFIFO(st->st_mode)) {
		*k = OUT_IN_PLACE;
		return 0;
	}
	if (!S_ISREG(st->st_mode))
		return yb_diag_usage("the output '%s' is a %s; refusing to write a book onto it; choose an output file",
		                     path, S_ISBLK(st->st_mode) ? "block device (a disk)" : "socket or special file");
	if (!is_ours(path, st->st_size, magic))
		return yb_diag_usage("the output '%s' exists and is not %s; refusing to replace it: remove it "
		                     "or choose another output file", path,
		                     strcmp(magic, PDF_MAGIC) == 0 ? "a PDF" : "a file yearbook wrote");
	if ((st->st_mode & 0222) == 0 || access(path, W_OK) != 0)
		return yb_diag_usage("the output '%s' is %s; refusing to replace it: %s or choose another output "
		                     "file", path, (st->st_mode & 0222) == 0 ? "read-only" : "not writable by you",
		                     (st->st_mode & 0222) == 0 ? "make it writable (chmod u+w)" : "ask its owner");
	*k = OUT_REPLACE;
	*final = S_ISLNK(lst.st_mode) ? realpath(path, NULL) : g_strdup(path);
	if (*final && S_ISLNK(lst.st_mode)) { /* realpath's memory is malloc's, ours is GLib's */
		char *r = g_strdup(*final);
		free(*final);
		*final = r;
	}
	if (!*final)
		return yb_diag_syserr("cannot write '%s': %s", path, strerror(errno));
	if (check_folder(path, *final) == 0)
		return 0;
	g_clear_pointer(final, g_free);
	return -1;
}

int yb_output_check(const char *path)
{
	kind k;
	char *final;
	struct stat st;
	int rc = classify(path, PDF_MAGIC, &k, &final, &st);
	g_free(final);
	return rc;
}

/* ---- stale temporaries ------------------------------------------------------- */

static int is_our_temporary(const char *name, const char *base)
{
	size_t n = strlen(base);
	if (name[0] != '.' || strncmp(name + 1, base, n) != 0 || name[n + 1] != '.' || strlen(name + n + 2) != 6)
		return 0;
	for (const char *p = name + n + 2; *p; p++)
		if (!g_ascii_isalnum(*p))
			return 0;
	return 1;
}

/* Removes `.BASE.XXXXXX` files beside `final` that no running build holds. */
static void remove_stale(const char *final)
{
	char *dir = g_path_get_dirname(final), *base = g_path_get_basename(final);
	GDir *d = g_dir_open(dir, 0, NULL);
	for (const char *name; d && (name = g_dir_read_name(d));) {
		if (!is_our_temporary(name, base))
			continue;
		char *p = g_build_filename(dir, name, NULL);
		struct stat st;
		int fd = open(p, O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK);
		if (fd >= 0 && fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_uid == geteuid() &&
		    flock(fd, LOCK_EX | LOCK_NB) == 0 && unlink(p) == 0)
			yb_diag_note(NULL, 0, "removed '%s', a temporary file an interrupted build left", p);
		if (fd >= 0)
			close(fd);
		g_free(p);
	}
	if (d)
		g_dir_close(d);
	g_free(dir);
	g_free(base);
}

/* ---- opening ------------------------------------------------------------------ */

/* A locked temporary file beside `final`; -1 after printing. */
static int open_beside(yb_output *o, const struct stat *old)
{
	remove_stale(o->final);
	char *dir = g_path_get_dirname(o->final), *base = g_path_get_basename(o->final);
	o->tmp = g_strdup_printf("%s/.%s.XXXXXX", dir, base);
	o->dirfd = open(dir, O_PATH | O_DIRECTORY | O_CLOEXEC);
	g_free(dir);
	g_free(base);
	for (int tries = 0; tries < 10; tries++) {
		strcpy(o->tmp + strlen(o->tmp) - 6, "XXXXXX");
		int fd = mkstemp(o->tmp);
		if (fd < 0)
			return yb_diag_syserr("cannot write '%s': %s", o->path, strerror(errno));
		struct stat st;
		/* another build may have taken it for stale before the lock: then try again
		 * (a file system without locks still gets its temporary file) */
		(void)flock(fd, LOCK_EX);
		if (fstat(fd, &st) != 0 || st.st_nlink > 0) {
			o->fd = fd;
			break;
		}
		close(fd);
	}
	if (o->fd < 0)
		return yb_diag_syserr("cannot write '%s': no temporary file could be kept", o->path);
	if (o->kind == OUT_REPLACE) {
		if (geteuid() == 0 || old->st_uid != geteuid())
			(void)!fchown(o->fd, old->st_uid, old->st_gid);
		fchmod(o->fd, old->st_mode & 07777);
	} else {
		mode_t mask = umask(0);
		umask(mask);
		fchmod(o->fd, 0666 & ~mask);
	}
	pending = o->tmp;
	return 0;
}

/* An unlinked temporary file in $TMPDIR, for a device, a pipe or stdout. */
static int open_scratch(yb_output *o)
{
	char *tmp = g_build_filename(g_get_tmp_dir(), "yearbook.XXXXXX", NULL);
	o->fd = mkstemp(tmp);
	int err = errno;
	if (o->fd >= 0)
		unlink(tmp);
	g_free(tmp);
	if (o->fd < 0)
		return yb_diag_syserr("cannot write '%s': no temporary file in '%s': %s", o->path, g_get_tmp_dir(),
		                      strerror(err));
	return 0;
}

yb_output *yb_output_open(const char *path)
{
	return yb_output_open_as(path, PDF_MAGIC);
}

yb_output *yb_output_open_as(const char *path, const char *magic)
{
	yb_output *o = g_new0(yb_output, 1);
	struct stat st;
	o->path = g_strdup(path);
	o->fd = -1;
	o->dirfd = -1;
	catch_signals();
	int rc = classify(path, magic, &o->kind, &o->final, &st);
	if (rc == 0)
		rc = o->final ? open_beside(o, &st) : open_scratch(o);
	if (rc == 0)
		return o;
	if (o->fd >= 0 && o->tmp)
		unlink(o->tmp);
	if (o->fd >= 0)
		close(o->fd);
	release(o);
	return NULL;
}

/* ---- writing ------------------------------------------------------------------ */

static int write_fd(int fd, const char *p, size_t len)
{
	while (len > 0) {
		ssize_t n = write(fd, p, len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return -1;
		if (n == 0) {
			errno = ENOSPC;
			return -1;
		}
		p += n;
		len -= (size_t)n;
	}
	return 0;
}

static int write_all(yb_output *o, const char *p, size_t len)
{
	if (write_fd(o->fd, p, len) == 0)
		return 0;
	o->failed = 1;
	return yb_diag_syserr("cannot write '%s': %s", o->path, strerror(errno));
}

static int flush(yb_output *o)
{
	if (o->failed)
		return -1;
	size_t n = o->nbuf;
	o->nbuf = 0;
	return write_all(o, o->buf, n);
}

int yb_output_write(yb_output *o, const void *data, size_t len)
{
	if (o->failed)
		return -1;
	o->size += (long)len;
	if (o->nbuf + len > sizeof o->buf && flush(o) != 0)
		return -1;
	if (len >= sizeof o->buf)
		return write_all(o, data, len);
	memcpy(o->buf + o->nbuf, data, len);
	o->nbuf += len;
	return 0;
}

int yb_output_failed(const yb_output *o)
{
	return o->failed;
}

long yb_output_size(const yb_output *o)
{
	return o->size;
}

int yb_output_pread(yb_output *o, void *buf, size_t len, long offset)
{
	if (flush(o) != 0)
		return -1;
	if (pread(o->fd, buf, len, offset) != (ssize_t)len) {
		o->failed = 1;
		return yb_diag_syserr("cannot read back '%s': %s", o->tmp ? o->tmp : o->path, strerror(errno));
	}
	return 0;
}

/* Removes the temporary file, also when its folder was moved meanwhile. */
static void remove_tmp(yb_output *o)
{
	if (unlink(o->tmp) == 0 || o->dirfd < 0)
		return;
	char *base = g_path_get_basename(o->tmp);
	(void)unlinkat(o->dirfd, base, 0);
	g_free(base);
}

static void release(yb_output *o)
{
	pending = NULL;
	if (o->dirfd >= 0)
		close(o->dirfd);
	g_free(o->path);
	g_free(o->final);
	g_free(o->tmp);
	g_free(o);
}

void yb_output_abort(yb_output *o)
{
	if (!o)
		return;
	close(o->fd);
	if (o->tmp)
		remove_tmp(o);
	release(o);
}

/* Opens a device or pipe for writing; a pipe nobody reads yet is waited
 * for, saying so (opening it blocks until a reader comes; Ctrl-C stops). */
static int open_device(const char *path)
{
	int fd = open(path, O_WRONLY | O_NOCTTY | O_CLOEXEC | O_NONBLOCK);
	if (fd < 0 && errno == ENXIO) {
		struct stat st;
		if (stat(path, &st) != 0 || !S_ISFIFO(st.st_mode))
			return -1;
		yb_diag_note_now("waiting for a program to read the pipe '%s' (Ctrl-C stops)", path);
		return open(path, O_WRONLY | O_NOCTTY | O_CLOEXEC);
	}
	if (fd >= 0)
		fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK);
	return fd;
}

/* Copies the complete temporary file into the device, pipe or stdout. */
static int copy_out(yb_output *o)
{
	int dest = o->kind == OUT_STDOUT ? 1 : open_device(o->path);
	if (dest < 0)
		return yb_diag_syserr("cannot write '%s': %s", o->path, strerror(errno));
	char chunk[1 << 16];
	int rc = 0;
	for (off_t at = 0; rc == 0;) {
		ssize_t n = pread(o->fd, chunk, sizeof chunk, at);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			if (n < 0)
				rc = yb_diag_syserr("cannot read back the book: %s", strerror(errno));
			break;
		}
		if (write_fd(dest, chunk, (size_t)n) != 0)
			rc = yb_diag_syserr("cannot write '%s': %s", o->kind == OUT_STDOUT ? "standard output" : o->path,
			                    strerror(errno));
		at += n;
	}
	if (dest != 1 && close(dest) != 0 && rc == 0)
		rc = yb_diag_syserr("cannot write '%s': %s", o->path, strerror(errno));
	return rc;
}

int yb_output_commit(yb_output *o)
{
	if (flush(o) != 0) {
		yb_output_abort(o);
		return -1;
	}
	if (!o->tmp) {
		int rc = copy_out(o);
		yb_output_abort(o);
		return rc;
	}
	if (fsync(o->fd) != 0 || close(o->fd) != 0) {
		yb_diag_syserr("cannot write '%s': %s", o->path, strerror(errno));
		remove_tmp(o);
		release(o);
		return -1;
	}
	if (rename(o->tmp, o->final) != 0) {
		if (errno == ENOENT)
			yb_diag_syserr("cannot write '%s': its folder was removed or moved while the book was written; "
			               "nothing written", o->path);
		else
			yb_diag_syserr("cannot rename '%s' to '%s': %s", o->tmp, o->final, strerror(errno));
		remove_tmp(o);
		release(o);
		return -1;
	}
	release(o);
	return 0;
}

int yb_output_check_new(const char *path, const char *magic)
{
	return yb_output_may_replace(path, magic) || check_folder(path, path) ? -1 : 0;
}

int yb_output_may_replace(const char *path, const char *magic)
{
	struct stat st;
	if (lstat(path, &st) != 0)
		return 0;
	char head[16] = {0};
	size_t n = strlen(magic);
	int fd = S_ISREG(st.st_mode) ? open(path, O_RDONLY | O_CLOEXEC) : -1;
	int same = fd >= 0 && read(fd, head, n) == (ssize_t)n && memcmp(head, magic, n) == 0;
	if (fd >= 0)
		close(fd);
	if (same || (S_ISREG(st.st_mode) && st.st_size == 0))
		return 0;
	return yb_diag_usage("'%s' exists and is not what yearbook writes there; refusing to replace it: "
	                     "remove it or choose another name", path);
}
