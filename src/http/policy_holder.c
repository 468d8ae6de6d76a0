#include "http/policy_holder.h"

#include "app/policy.h"

#include <pthread.h>
#include <stdio.h>

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static struct policy_set *current;
static char folder[1024];

int policy_holder_init(const char *dir, struct lx_error *err)
{
	snprintf(folder, sizeof(folder), "%s", dir);
	return policy_holder_reload(err);
}

void policy_holder_done(void)
{
	pthread_mutex_lock(&lock);
	policy_set_unref(current);
	current = NULL;
	pthread_mutex_unlock(&lock);
}

struct policy_set *policy_holder_acquire(void)
{
	struct policy_set *s;

	pthread_mutex_lock(&lock);
	s = policy_set_ref(current);
	pthread_mutex_unlock(&lock);
	return s;
}

int policy_holder_reload(struct lx_error *err)
{
	struct policy_set *fresh = policy_set_load(folder, err), *old;

	if (!fresh)
		return -1;
	pthread_mutex_lock(&lock);
	old = current;
	current = fresh;
	pthread_mutex_unlock(&lock);
	policy_set_unref(old);
	return 0;
}
