#include "output.h"

#include "diag.h"

#include <errno.h>
#include <stdio.h>
#include <glib.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

struct yb_output {
	char *path;
	char *tmp;
	int fd;
	int failed;
	long size;          /* bytes written, buffered ones included */
	char buf[1 << 16];  /* cairo writes in small pieces: one system call per 64 KiB */
	size_t nbuf;
};

/* The temporary file the signal handler removes (async-signal-safe use only). */
static char *volatile pending;

static void on_signal(int sig)
{
	char *p = pending;
	if (p)
		unlink(p);
	static const char msg[] = "yearbook: interrupted; no output written\n";
	ssize_t ignored = write(2, msg, sizeof msg - 1);
	(void)ignored;
	_exit(128 + sig);
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
}

yb_output *yb_output_open(const char *path)
{
	char *dir = g_path_get_dirname(path);
	char *base = g_path_get_basename(path);
	char *tmp = g_strdup_printf("%s/.%s.XXXXXX", dir, base);
	g_free(dir);
	g_free(base);
	int fd = mkstemp(tmp);
	if (fd < 0) {
		yb_diag_syserr("cannot write '%s': %s", path, strerror(errno));
		g_free(tmp);
		return NULL;
	}
	mode_t mask = umask(0);
	umask(mask);
	fchmod(fd, 0666 & ~mask);
	yb_output *o = g_new0(yb_output, 1);
	o->path = g_strdup(path);
	o->tmp = tmp;
	o->fd = fd;
	catch_signals();
	pending = o->tmp;
	return o;
}

static int write_all(yb_output *o, const char *p, size_t len)
{
	while (len > 0) {
		ssize_t n = write(o->fd, p, len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			o->failed = 1;
			return yb_diag_syserr("cannot write '%s': %s", o->path, strerror(errno));
		}
		p += n;
		len -= (size_t)n;
	}
	return 0;
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
		return yb_diag_syserr("cannot read back '%s': %s", o->tmp, strerror(errno));
	}
	return 0;
}

static void release(yb_output *o)
{
	pending = NULL;
	g_free(o->path);
	g_free(o->tmp);
	g_free(o);
}

void yb_output_abort(yb_output *o)
{
	if (!o)
		return;
	close(o->fd);
	unlink(o->tmp);
	release(o);
}

int yb_output_commit(yb_output *o)
{
	if (flush(o) != 0) {
		yb_output_abort(o);
		return -1;
	}
	if (fsync(o->fd) != 0 || close(o->fd) != 0) {
		yb_diag_syserr("cannot write '%s': %s", o->path, strerror(errno));
		unlink(o->tmp);
		release(o);
		return -1;
	}
	if (rename(o->tmp, o->path) != 0) {
		yb_diag_syserr("cannot rename '%s' to '%s': %s", o->tmp, o->path, strerror(errno));
		unlink(o->tmp);
		release(o);
		return -1;
	}
	release(o);
	return 0;
}
