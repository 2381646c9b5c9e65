/* Seconds from every cell of a grid window to one goal cell: Dijkstra on the reversed 8-neighbour steps.
 *
 * Part of the optional native build (python -m game build-native); game.ai.fields.distances_to uses it when the
 * build is active and scipy's Dijkstra otherwise. Both give the same distances: step costs are whole seconds
 * (int32), summed exactly (here in int64, there in float64), and a shortest distance does not depend on the order
 * in which equal paths are found. Cells are settled from a bucket queue (Dial's): with whole-second steps of at
 * least `least` seconds, buckets of a width up to `least` hold cells that are all settled when their bucket is
 * reached, in any order (about twice as fast as the binary heap, which is kept for costs too spread out).
 *
 * distances(steps, out, rows, cols, goal, dirs)
 *   steps: C-contiguous int32 buffer (rows, cols, 8): the cost of the step into a cell from direction k
 *          (from the cell at minus dirs[k]); 0 = no such step.
 *   out:   writable C-contiguous int32 buffer (rows, cols): seconds to the goal, or INT32_MAX where the goal
 *          cannot be reached (distances of INT32_MAX or more are reported as INT32_MAX too).
 *   goal:  the goal's flat index (row * cols + col).
 *   dirs:  the 8 (row, col) step directions, in the order of the steps' last axis.
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <stdint.h>
#include <stdlib.h>

#define RING_MAX 65536  /* more buckets than this (step costs spread too far): the binary heap */

typedef struct {
    int64_t dist;
    int32_t cell;
} Entry;

static int heap_push(Entry **heap, Py_ssize_t *size, Py_ssize_t *cap, int64_t dist, int32_t cell) {
    if (*size == *cap) {
        Py_ssize_t ncap = *cap * 2;
        Entry *grown = (Entry *)realloc(*heap, (size_t)ncap * sizeof(Entry));
        if (grown == NULL) {
            return -1;
        }
        *heap = grown;
        *cap = ncap;
    }
    Entry *h = *heap;
    Py_ssize_t i = (*size)++;
    while (i > 0) {
        Py_ssize_t parent = (i - 1) / 2;
        if (h[parent].dist <= dist) {
            break;
        }
        h[i] = h[parent];
        i = parent;
    }
    h[i].dist = dist;
    h[i].cell = cell;
    return 0;
}

static Entry heap_pop(Entry *h, Py_ssize_t *size) {
    Entry top = h[0];
    Entry last = h[--(*size)];
    Py_ssize_t n = *size, i = 0;
    for (;;) {
        Py_ssize_t child = 2 * i + 1;
        if (child >= n) {
            break;
        }
        if (child + 1 < n && h[child + 1].dist < h[child].dist) {
            child++;
        }
        if (h[child].dist >= last.dist) {
            break;
        }
        h[i] = h[child];
        i = child;
    }
    if (n > 0) {
        h[i] = last;
    }
    return top;
}

/* Dijkstra with a binary heap of (distance, cell) entries: dist[] set to INT64_MAX except the goal. -1: no memory. */
static int by_heap(const int32_t *cost, int64_t *dist, Py_ssize_t rows, Py_ssize_t cols, Py_ssize_t goal,
                   const int *dr, const int *dc) {
    Py_ssize_t cap = rows * cols + 16, size = 0;
    Entry *heap = (Entry *)malloc((size_t)cap * sizeof(Entry));
    int failed = heap == NULL || heap_push(&heap, &size, &cap, 0, (int32_t)goal) != 0;
    while (!failed && size > 0) {
        Entry e = heap_pop(heap, &size);
        if (e.dist != dist[e.cell]) {
            continue;  /* a stale entry: the cell was settled shorter */
        }
        Py_ssize_t r = e.cell / cols, c = e.cell % cols;
        const int32_t *in = cost + (Py_ssize_t)e.cell * 8;
        for (int k = 0; k < 8; k++) {
            if (in[k] <= 0) {
                continue;
            }
            Py_ssize_t fr = r - dr[k], fc = c - dc[k];  /* the step into e.cell from direction k starts here */
            if (fr < 0 || fr >= rows || fc < 0 || fc >= cols) {
                continue;
            }
            Py_ssize_t from = fr * cols + fc;
            int64_t d = e.dist + in[k];
            if (d < dist[from]) {
                dist[from] = d;
                if (heap_push(&heap, &size, &cap, d, (int32_t)from) != 0) {
                    failed = 1;
                    break;
                }
            }
        }
    }
    free(heap);
    return failed ? -1 : 0;
}

/* Dijkstra with a ring of `ring` buckets (a power of two) of width 2^shift: a cell at distance d waits in bucket
 * d >> shift. With the width at most the least step cost, a step from the bucket being emptied leads to a later
 * bucket, so each cell of the bucket is settled when first taken out (later entries for it are stale); with the
 * ring longer than the largest step cost over the width plus two, the waiting buckets never share a slot. The
 * buckets are lists threaded through one pool of entries (freed entries reused). dist[] as for by_heap. */
static int by_buckets(const int32_t *cost, int64_t *dist, Py_ssize_t rows, Py_ssize_t cols, Py_ssize_t goal,
                      const int *dr, const int *dc, int shift, Py_ssize_t ring) {
    Py_ssize_t n = rows * cols, mask = ring - 1, cap = n + 16;
    int32_t *first = (int32_t *)malloc((size_t)ring * sizeof(int32_t));  /* each bucket's first entry, -1: none */
    unsigned char *settled = (unsigned char *)calloc((size_t)n, 1);
    int32_t *next = (int32_t *)malloc((size_t)cap * sizeof(int32_t));  /* entry -> the next in its list */
    int32_t *cell = (int32_t *)malloc((size_t)cap * sizeof(int32_t));  /* entry -> its cell */
    int failed = first == NULL || settled == NULL || next == NULL || cell == NULL;
    if (failed) {
        goto out;
    }
    for (Py_ssize_t b = 0; b < ring; b++) {
        first[b] = -1;
    }
    next[0] = -1;
    cell[0] = (int32_t)goal;
    first[0] = 0;
    Py_ssize_t used = 1, waiting = 1;
    int32_t spare = -1;  /* the free entries, threaded by next */
    for (Py_ssize_t bucket = 0; waiting > 0; bucket++) {
        int32_t e = first[bucket & mask];
        first[bucket & mask] = -1;
        while (e >= 0) {
            int32_t v = cell[e], after = next[e];
            next[e] = spare;
            spare = e;
            e = after;
            waiting--;
            if (settled[v]) {
                continue;
            }
            settled[v] = 1;
            int64_t dv = dist[v];
            int32_t r = v / (int32_t)cols, c = v - r * (int32_t)cols;
            const int32_t *in = cost + (Py_ssize_t)v * 8;
            for (int k = 0; k < 8; k++) {
                if (in[k] <= 0) {
                    continue;
                }
                Py_ssize_t fr = r - dr[k], fc = c - dc[k];  /* the step into v from direction k starts here */
                if (fr < 0 || fr >= rows || fc < 0 || fc >= cols) {
                    continue;
                }
                Py_ssize_t from = fr * cols + fc;
                int64_t d = dv + in[k];
                if (d >= dist[from]) {
                    continue;
                }
                dist[from] = d;
                int32_t x = spare;
                if (x >= 0) {
                    spare = next[x];
                } else {
                    if (used == cap) {
                        cap *= 2;
                        int32_t *more_next = (int32_t *)realloc(next, (size_t)cap * sizeof(int32_t));
                        if (more_next != NULL) {
                            next = more_next;
                        }
                        int32_t *more_cell = (int32_t *)realloc(cell, (size_t)cap * sizeof(int32_t));
                        if (more_cell != NULL) {
                            cell = more_cell;
                        }
                        if (more_next == NULL || more_cell == NULL) {
                            failed = 1;
                            goto out;
                        }
                    }
                    x = (int32_t)used++;
                }
                Py_ssize_t slot = (Py_ssize_t)(d >> shift) & mask;
                cell[x] = (int32_t)from;
                next[x] = first[slot];
                first[slot] = x;
                waiting++;
            }
        }
    }
out:
    free(first);
    free(settled);
    free(next);
    free(cell);
    return failed ? -1 : 0;
}

static PyObject *distances(PyObject *self, PyObject *args) {
    Py_buffer steps, out;
    Py_ssize_t rows, cols, goal;
    PyObject *dirs;
    if (!PyArg_ParseTuple(args, "y*w*nnnO", &steps, &out, &rows, &cols, &goal, &dirs)) {
        return NULL;
    }
    PyObject *result = NULL;
    int64_t *dist = NULL;
    Py_ssize_t n = rows * cols;
    int dr[8], dc[8];
    if (rows <= 0 || cols <= 0 || n > INT32_MAX || goal < 0 || goal >= n
            || steps.len != n * 8 * (Py_ssize_t)sizeof(int32_t) || out.len != n * (Py_ssize_t)sizeof(int32_t)) {
        PyErr_SetString(PyExc_ValueError, "distances: buffer sizes do not match the window, or the goal is outside");
        goto done;
    }
    PyObject *seq = PySequence_Fast(dirs, "distances: dirs must be a sequence of 8 (row, col) pairs");
    if (seq == NULL) {
        goto done;
    }
    if (PySequence_Fast_GET_SIZE(seq) != 8) {
        Py_DECREF(seq);
        PyErr_SetString(PyExc_ValueError, "distances: dirs must hold 8 directions");
        goto done;
    }
    for (int k = 0; k < 8; k++) {
        if (!PyArg_ParseTuple(PySequence_Fast_GET_ITEM(seq, k), "ii", &dr[k], &dc[k])) {
            Py_DECREF(seq);
            goto done;
        }
    }
    Py_DECREF(seq);

    const int32_t *cost = (const int32_t *)steps.buf;
    int32_t *res = (int32_t *)out.buf;
    dist = (int64_t *)malloc((size_t)n * sizeof(int64_t));
    if (dist == NULL) {
        PyErr_NoMemory();
        goto done;
    }
    int failed = 0;
    Py_BEGIN_ALLOW_THREADS
    for (Py_ssize_t i = 0; i < n; i++) {
        dist[i] = INT64_MAX;
    }
    dist[goal] = 0;
    int64_t least = INT32_MAX, most = 0;  /* the least and largest step costs */
    for (Py_ssize_t i = 0; i < n * 8; i++) {
        int64_t x = cost[i];
        if (x > 0) {
            least = x < least ? x : least;
            most = x > most ? x : most;
        }
    }
    if (most > 0) {
        int shift = 0;  /* the widest power of two up to the least cost */
        while (((int64_t)2 << shift) <= least) {
            shift++;
        }
        Py_ssize_t ring = 1;
        while (ring < (Py_ssize_t)(most >> shift) + 2) {
            ring <<= 1;
        }
        failed = (ring <= RING_MAX ? by_buckets(cost, dist, rows, cols, goal, dr, dc, shift, ring)
                                   : by_heap(cost, dist, rows, cols, goal, dr, dc)) != 0;
    }
    if (!failed) {
        for (Py_ssize_t i = 0; i < n; i++) {
            res[i] = dist[i] < INT32_MAX ? (int32_t)dist[i] : INT32_MAX;
        }
    }
    Py_END_ALLOW_THREADS
    if (failed) {
        PyErr_NoMemory();
        goto done;
    }
    result = Py_None;
    Py_INCREF(result);
done:
    free(dist);
    PyBuffer_Release(&steps);
    PyBuffer_Release(&out);
    return result;
}

static PyMethodDef methods[] = {
    {"distances", distances, METH_VARARGS,
     "distances(steps, out, rows, cols, goal, dirs): seconds from every cell of a window to the goal cell."},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {PyModuleDef_HEAD_INIT, "_griddist", NULL, -1, methods};

PyMODINIT_FUNC PyInit__griddist(void) { return PyModule_Create(&module); }
