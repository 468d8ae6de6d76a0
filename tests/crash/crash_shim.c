/*
 * Crash injection for tests/crash/run, loaded with LD_PRELOAD into the
 * optimised laoxiao (never the sanitized one, whose runtime must come
 * first). It counts the operations that change a database file on disk --
 * write, pwrite, pwrite64, ftruncate, fsync, fdatasync on a descriptor
 * whose path starts with LX_CRASH_PATH (the database, its -wal and
 * -journal, a synth's .building file), and rename and unlink of such a
 * path -- and, when the count reaches LX_CRASH_AT, kills the process with
 * SIGKILL before the operation runs: the state is then exactly what a
 * crash between two writes leaves. With LX_CRASH_COUNT set to a file name
 * it only counts, and writes the total there at exit, so the caller knows
 * the range to draw from. Not part of the program.
 */
#include <dlfcn.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <unistd.h>

static long count, crash_at = -1;
static const char *prefix;
static size_t prefix_len;

__attribute__((constructor)) static void shim_init(void)
{
	const char *at = getenv("LX_CRASH_AT");

	prefix = getenv("LX_CRASH_PATH");
	prefix_len = prefix ? strlen(prefix) : 0;
	if (at)
		crash_at = atol(at);
}

__attribute__((destructor)) static void shim_done(void)
{
	const char *out = getenv("LX_CRASH_COUNT");
	FILE *f;

	if (!out)
		return;
	f = fopen(out, "w");
	if (f) {
		fprintf(f, "%ld\n", count);
		fclose(f);
	}
}

static int watched_path(const char *path)
{
	return prefix_len && path && !strncmp(path, prefix, prefix_len);
}

static int watched_fd(int fd)
{
	char link[64], path[4096];
	ssize_t n;

	if (fd <= 2 || !prefix_len)
		return 0;
	snprintf(link, sizeof(link), "/proc/self/fd/%d", fd);
	n = readlink(link, path, sizeof(path) - 1);
	if (n <= 0)
		return 0;
	path[n] = '\0';
	return watched_path(path);
}

/* One more operation on the database's files: die here if it is the one. */
static void step(void)
{
	count++;
	if (count == crash_at)
		kill(getpid(), SIGKILL);
}

#define REAL(name)                                                             \
	static __typeof__(&name) real_##name;                                  \
	if (!real_##name)                                                      \
	real_##name = (__typeof__(&name))dlsym(RTLD_NEXT, #name)

ssize_t write(int fd, const void *buf, size_t n)
{
	REAL(write);
	if (watched_fd(fd))
		step();
	return real_write(fd, buf, n);
}

ssize_t pwrite(int fd, const void *buf, size_t n, off_t off)
{
	REAL(pwrite);
	if (watched_fd(fd))
		step();
	return real_pwrite(fd, buf, n, off);
}

ssize_t pwrite64(int fd, const void *buf, size_t n, off_t off)
{
	REAL(pwrite64);
	if (watched_fd(fd))
		step();
	return real_pwrite64(fd, buf, n, off);
}

int ftruncate(int fd, off_t len)
{
	REAL(ftruncate);
	if (watched_fd(fd))
		step();
	return real_ftruncate(fd, len);
}

int ftruncate64(int fd, off_t len)
{
	REAL(ftruncate64);
	if (watched_fd(fd))
		step();
	return real_ftruncate64(fd, len);
}

int fsync(int fd)
{
	REAL(fsync);
	if (watched_fd(fd))
		step();
	return real_fsync(fd);
}

int fdatasync(int fd)
{
	REAL(fdatasync);
	if (watched_fd(fd))
		step();
	return real_fdatasync(fd);
}

int rename(const char *from, const char *to)
{
	REAL(rename);
	if (watched_path(from) || watched_path(to))
		step();
	return real_rename(from, to);
}

int unlink(const char *path)
{
	REAL(unlink);
	if (watched_path(path))
		step();
	return real_unlink(path);
}
