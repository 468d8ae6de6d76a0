/*
 * How failed logins slow an attacker down, and when a quiet session ends:
 * pure arithmetic, no clock of its own. GB/T 22239-2019 (信息安全技术
 * 网络安全等级保护基本要求) 8.1.4.1 身份鉴别 b) asks for "登录失败处理功能，
 * 应配置并启用结束会话、限制非法登录次数和当登录连接超时自动退出等相关
 * 措施" without numbers; the defaults below are the common reading of it
 * (five free tries per account and twenty per address, then a lock that
 * doubles up to a quarter of an hour, a half-hour idle limit) and
 * are stated in the README's security section.
 */
#ifndef LX_CORE_LOGIN_GUARD_H
#define LX_CORE_LOGIN_GUARD_H

struct login_limits {
	long free_failures; /* an account's failures before its first lock */
	/* an address's failures before its first lock: more, since an
	 * office behind one address has many people mistyping */
	long address_free_failures;
	long base_seconds; /* the first lock; each further failure doubles it */
	long max_seconds;  /* the longest lock */
	long window_seconds; /* failures older than this are forgotten */
	long idle_seconds;   /* a session unused this long has ended */
};

extern const struct login_limits login_limits_default;

/* The lock, in seconds, after the failures-th failure in a row: 0 up to
 * free (free_failures or address_free_failures), then base, 2 × base,
 * 4 × base … capped at max. */
long login_lock_seconds(const struct login_limits *l, long free, long failures);

/* The failures counted at time now, given the count and the time of the
 * last failure (seconds since the epoch): forgotten past the window. */
long login_failures_now(const struct login_limits *l, long failures,
                        long long last_at, long long now);

#endif
