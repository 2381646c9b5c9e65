/* Seconds from every cell of a grid window to one goal cell: Dijkstra on the reversed 8-neighbour steps.
 *
 * Part of the optional native build (python -m game build-native); game.ai.fields.distances_to uses it when the
 * build is active and scipy's Dijkstra otherwise. Both give the same distances: step costs are whole seconds
 * (int32), summed exactly (here in int64, there in float64), and a shortest distance does not depend on the order
 * in which equal paths are found.
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

static PyObject *distances(PyObject *self, PyObject *args) {
    Py_buffer steps, out;
    Py_ssize_t rows, cols, goal;
    PyObject *dirs;
    if (!PyArg_ParseTuple(args, "y*w*nnnO", &steps, &out, &rows, &cols, &goal, &dirs)) {
        return NULL;
    }
    PyObject *result = NULL;
    int64_t *dist = NULL;
    Entry *heap = NULL;
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
    Py_ssize_t cap = n + 16;
    dist = (int64_t *)malloc((size_t)n * sizeof(int64_t));
    heap = (Entry *)malloc((size_t)cap * sizeof(Entry));
    if (dist == NULL || heap == NULL) {
        PyErr_NoMemory();
        goto done;
    }
    int failed = 0;
    Py_BEGIN_ALLOW_THREADS
    for (Py_ssize_t i = 0; i < n; i++) {
        dist[i] = INT64_MAX;
    }
    dist[goal] = 0;
    Py_ssize_t size = 0;
    failed = heap_push(&heap, &size, &cap, 0, (int32_t)goal);
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
    free(heap);
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
