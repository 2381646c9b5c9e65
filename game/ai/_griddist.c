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

/* An indexed binary heap of cells keyed by their tentative distance, with decrease-key: each cell is in it at
 * most once, so it stays as small as the frontier. */
typedef struct {
    int32_t *cells;     /* the heap */
    int32_t *at;        /* a cell's index in the heap; -1: never reached; -2: settled */
    const int64_t *key; /* tentative distances */
    Py_ssize_t size;
} Heap;

static void sift_up(Heap *h, Py_ssize_t i, int32_t cell) {
    int64_t k = h->key[cell];
    while (i > 0) {
        Py_ssize_t parent = (i - 1) / 2;
        int32_t p = h->cells[parent];
        if (h->key[p] <= k) {
            break;
        }
        h->cells[i] = p;
        h->at[p] = (int32_t)i;
        i = parent;
    }
    h->cells[i] = cell;
    h->at[cell] = (int32_t)i;
}

static int32_t pop_min(Heap *h) {
    int32_t top = h->cells[0];
    int32_t last = h->cells[--h->size];
    Py_ssize_t n = h->size, i = 0;
    if (n > 0) {
        int64_t k = h->key[last];
        for (;;) {
            Py_ssize_t child = 2 * i + 1;
            if (child >= n) {
                break;
            }
            if (child + 1 < n && h->key[h->cells[child + 1]] < h->key[h->cells[child]]) {
                child++;
            }
            int32_t cc = h->cells[child];
            if (h->key[cc] >= k) {
                break;
            }
            h->cells[i] = cc;
            h->at[cc] = (int32_t)i;
            i = child;
        }
        h->cells[i] = last;
        h->at[last] = (int32_t)i;
    }
    h->at[top] = -2;
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
    int32_t *cells = NULL, *at = NULL;
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

    dist = (int64_t *)malloc((size_t)n * sizeof(int64_t));
    cells = (int32_t *)malloc((size_t)n * sizeof(int32_t));
    at = (int32_t *)malloc((size_t)n * sizeof(int32_t));
    if (dist == NULL || cells == NULL || at == NULL) {
        PyErr_NoMemory();
        goto done;
    }
    const int32_t *cost = (const int32_t *)steps.buf;
    int32_t *res = (int32_t *)out.buf;
    Py_BEGIN_ALLOW_THREADS
    for (Py_ssize_t i = 0; i < n; i++) {
        dist[i] = INT64_MAX;
        at[i] = -1;
    }
    Heap heap = {cells, at, dist, 0};
    dist[goal] = 0;
    heap.size = 1;
    sift_up(&heap, 0, (int32_t)goal);
    while (heap.size > 0) {
        int32_t v = pop_min(&heap);
        int64_t dv = dist[v];
        Py_ssize_t r = v / cols, c = v - r * cols;
        const int32_t *in = cost + (Py_ssize_t)v * 8;
        for (int k = 0; k < 8; k++) {
            if (in[k] <= 0) {
                continue;
            }
            Py_ssize_t fr = r - dr[k], fc = c - dc[k];  /* the step into v from direction k starts here */
            if (fr < 0 || fr >= rows || fc < 0 || fc >= cols) {
                continue;
            }
            int32_t from = (int32_t)(fr * cols + fc);
            int64_t d = dv + in[k];
            if (d < dist[from] && at[from] != -2) {  /* (a settled cell is never improved: costs are positive) */
                dist[from] = d;
                if (at[from] == -1) {
                    sift_up(&heap, heap.size++, from);
                } else {
                    sift_up(&heap, at[from], from);
                }
            }
        }
    }
    for (Py_ssize_t i = 0; i < n; i++) {
        res[i] = dist[i] < INT32_MAX ? (int32_t)dist[i] : INT32_MAX;
    }
    Py_END_ALLOW_THREADS
    result = Py_None;
    Py_INCREF(result);
done:
    free(dist);
    free(cells);
    free(at);
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
