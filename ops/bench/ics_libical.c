/* Parses one iCalendar file with libical and prints the same line as ICalendarBenchmark:
 * `libical-parse bytes=N seconds=S mb_per_s=R peak_rss_mb=M components=C`.
 * The file is read into memory first; only icalparser_parse_string is timed. */
#include <libical/ical.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <time.h>

static double now(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec + t.tv_nsec / 1e9;
}

int main(int argc, char **argv) {
    if (argc != 2) { fprintf(stderr, "usage: %s FILE\n", argv[0]); return 64; }
    FILE *file = fopen(argv[1], "rb");
    if (!file) { perror(argv[1]); return 3; }
    fseek(file, 0, SEEK_END);
    long size = ftell(file);
    fseek(file, 0, SEEK_SET);
    char *text = malloc((size_t)size + 1);
    if (!text || fread(text, 1, (size_t)size, file) != (size_t)size) { perror("read"); return 3; }
    text[size] = 0;
    fclose(file);

    double start = now();
    icalcomponent *root = icalparser_parse_string(text);
    double seconds = now() - start;
    if (!root) { fprintf(stderr, "libical could not parse %s\n", argv[1]); return 1; }

    int components = 0;
    icalcomponent *calendar = root;
    if (icalcomponent_isa(root) == ICAL_XROOT_COMPONENT)
        calendar = icalcomponent_get_first_component(root, ICAL_VCALENDAR_COMPONENT);
    for (; calendar; calendar = icalcomponent_isa(root) == ICAL_XROOT_COMPONENT
             ? icalcomponent_get_next_component(root, ICAL_VCALENDAR_COMPONENT) : NULL)
        components += icalcomponent_count_components(calendar, ICAL_ANY_COMPONENT);

    struct rusage usage;
    getrusage(RUSAGE_SELF, &usage);
    printf("libical-parse bytes=%ld seconds=%.3f mb_per_s=%.1f peak_rss_mb=%.1f components=%d\n",
           size, seconds, size / 1e6 / seconds, usage.ru_maxrss / 1024.0, components);
    icalcomponent_free(root);
    free(text);
    return 0;
}
