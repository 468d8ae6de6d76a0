/* The brute-force baseline of the coverage benchmark: every residential
 * point against every site, with the platform's own distance function.
 * Reads "lat,lon,population" points then a line "--" then "lat,lon"
 * sites on standard input; prints the covered population and the total. */
#include "core/geo.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int main(int argc, char **argv)
{
	double reach = argc > 1 ? atof(argv[1]) : 1000.0;
	size_t np = 0, ns = 0, cp = 0, cs = 0;
	double *p = NULL, *s = NULL;
	long long *pop = NULL, covered = 0, total = 0;
	char line[256];
	int sites = 0;

	while (fgets(line, sizeof(line), stdin)) {
		double a, b;
		long long n = 0;

		if (!strncmp(line, "--", 2)) {
			sites = 1;
			continue;
		}
		if (sscanf(line, "%lf,%lf,%lld", &a, &b, &n) < 2)
			continue;
		if (!sites) {
			if (np == cp) {
				cp = cp ? 2 * cp : 1024;
				p = realloc(p, 2 * cp * sizeof(*p));
				pop = realloc(pop, cp * sizeof(*pop));
			}
			p[2 * np] = a;
			p[2 * np + 1] = b;
			pop[np++] = n;
		} else {
			if (ns == cs) {
				cs = cs ? 2 * cs : 1024;
				s = realloc(s, 2 * cs * sizeof(*s));
			}
			s[2 * ns] = a;
			s[2 * ns + 1] = b;
			ns++;
		}
	}
	for (size_t i = 0; i < np; i++) {
		total += pop[i];
		for (size_t j = 0; j < ns; j++)
			if (geo_distance_m(p[2 * i], p[2 * i + 1], s[2 * j],
			                   s[2 * j + 1]) <= reach) {
				covered += pop[i];
				break;
			}
	}
	printf("%lld %lld\n", covered, total);
	free(p);
	free(s);
	free(pop);
	return 0;
}
