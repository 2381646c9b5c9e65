/* The cells an observer sees within a radius: game.core.los.viewshed's numpy computation, in C, bit for bit.
 *
 * Part of the optional native build (python -m game build-native); game.core.los.viewshed uses it when the build
 * is active and the grid's layers are float32 (as game.core.grid makes them), numpy otherwise. Every value is
 * computed as numpy computes it (NumPy 2 promotion rules) so both give the same window on every cell:
 *   eye    = float64(elevation[obs]) + 2                        (a Python float)
 *   rise   = float64(float32(float32(target + 2) - float32(eye)))  (float32 array op Python float stays float32)
 *   line   = eye + (rise >= 0 ? least : greatest) * rise           (float64; built without fused multiply-add)
 *   blocks = float64(blocker) > line
 * Cells off the map are read at the nearest edge cell (numpy's clip); the caller crops the window to the map.
 *
 * viewshed(elevation, sight, rows, cols, r0, c0, radius, dr, dc, ti, sr, sc, least, greatest, out)
 *   elevation, sight: C-contiguous float32 buffers (rows, cols): ground and ground plus obstacle heights.
 *   dr, dc:           intp buffers (n targets): each target's offset from the observer (los._ray_cells).
 *   ti, sr, sc:       intp buffers (m pairs): each (target, blocking cell) pair's target index and cell offset.
 *   least, greatest:  float64 buffers (m pairs): the least and greatest fraction of the ray sampled in the cell.
 *   out:              writable C-contiguous bool/uint8 buffer (2 radius + 1)^2: 1 = visible, 0 = not (or not
 *                     a target: outside the circle).
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <stdlib.h>
#include <string.h>

#define NBUF 10

/* The format of a buffer: its item size and kind ('f' float, 'i' signed integer, 'b' byte). */
static int buffer_kind(const Py_buffer *b) {
    const char *f = b->format == NULL ? "B" : b->format;
    if (*f == '@' || *f == '=' || *f == '<') {
        f++;
    }
    if (f[0] == '\0' || f[1] != '\0') {
        return 0;
    }
    switch (f[0]) {
    case 'f':
    case 'd':
        return 'f';
    case 'l':
    case 'q':
    case 'n':
    case 'i':
        return 'i';
    case '?':
    case 'B':
    case 'b':
        return 'b';
    default:
        return 0;
    }
}

static Py_ssize_t clamp(Py_ssize_t v, Py_ssize_t hi) { return v < 0 ? 0 : (v > hi ? hi : v); }

static PyObject *viewshed(PyObject *self, PyObject *args) {
    PyObject *obj[NBUF];
    Py_buffer buf[NBUF];
    Py_ssize_t rows, cols, r0, c0, radius;
    /* expected item kind and size of each buffer, in argument order after the five integers */
    static const int kind[NBUF] = {'f', 'f', 'i', 'i', 'i', 'i', 'i', 'f', 'f', 'b'};
    static const char *what[NBUF] = {"elevation", "sight", "dr", "dc", "ti", "sr", "sc", "least", "greatest", "out"};
    const Py_ssize_t size[NBUF] = {4, 4, sizeof(Py_ssize_t), sizeof(Py_ssize_t), sizeof(Py_ssize_t),
                                   sizeof(Py_ssize_t), sizeof(Py_ssize_t), 8, 8, 1};
    if (!PyArg_ParseTuple(args, "OOnnnnnOOOOOOOO", &obj[0], &obj[1], &rows, &cols, &r0, &c0, &radius, &obj[2],
                          &obj[3], &obj[4], &obj[5], &obj[6], &obj[7], &obj[8], &obj[9])) {
        return NULL;
    }
    int got = 0;
    PyObject *result = NULL;
    double *rise = NULL;
    unsigned char *seen = NULL;
    for (; got < NBUF; got++) {
        int flags = PyBUF_C_CONTIGUOUS | PyBUF_FORMAT | (got == NBUF - 1 ? PyBUF_WRITABLE : 0);
        if (PyObject_GetBuffer(obj[got], &buf[got], flags) < 0) {
            goto done;
        }
        if (buffer_kind(&buf[got]) != kind[got] || buf[got].itemsize != size[got]) {
            PyErr_Format(PyExc_TypeError, "viewshed: %s has the wrong item type", what[got]);
            got++;  /* (released below) */
            goto done;
        }
    }
    Py_ssize_t side = 2 * radius + 1;
    Py_ssize_t n = buf[2].len / (Py_ssize_t)sizeof(Py_ssize_t);
    Py_ssize_t m = buf[4].len / (Py_ssize_t)sizeof(Py_ssize_t);
    if (rows <= 0 || cols <= 0 || r0 < 0 || r0 >= rows || c0 < 0 || c0 >= cols || radius < 0
        || buf[0].len != rows * cols * 4 || buf[1].len != rows * cols * 4
        || buf[3].len != buf[2].len || buf[5].len != buf[4].len || buf[6].len != buf[4].len
        || buf[7].len != m * 8 || buf[8].len != m * 8 || buf[9].len != side * side) {
        PyErr_SetString(PyExc_ValueError, "viewshed: the buffers do not fit the map, the observer or the radius");
        goto done;
    }
    const float *elevation = (const float *)buf[0].buf, *sight = (const float *)buf[1].buf;
    const Py_ssize_t *dr = (const Py_ssize_t *)buf[2].buf, *dc = (const Py_ssize_t *)buf[3].buf;
    const Py_ssize_t *ti = (const Py_ssize_t *)buf[4].buf, *sr = (const Py_ssize_t *)buf[5].buf;
    const Py_ssize_t *sc = (const Py_ssize_t *)buf[6].buf;
    const double *least = (const double *)buf[7].buf, *greatest = (const double *)buf[8].buf;
    unsigned char *out = (unsigned char *)buf[9].buf;
    for (Py_ssize_t k = 0; k < n; k++) {
        if (dr[k] < -radius || dr[k] > radius || dc[k] < -radius || dc[k] > radius) {
            PyErr_SetString(PyExc_ValueError, "viewshed: a target lies outside the window");
            goto done;
        }
    }
    for (Py_ssize_t p = 0; p < m; p++) {
        if (ti[p] < 0 || ti[p] >= n) {
            PyErr_SetString(PyExc_ValueError, "viewshed: a pair names no target");
            goto done;
        }
    }
    rise = (double *)malloc((size_t)(n > 0 ? n : 1) * sizeof(double));
    seen = (unsigned char *)malloc((size_t)(n > 0 ? n : 1));
    if (rise == NULL || seen == NULL) {
        PyErr_NoMemory();
        goto done;
    }
    const double eye = (double)elevation[r0 * cols + c0] + 2.0;
    const float eye32 = (float)eye;
    for (Py_ssize_t k = 0; k < n; k++) {
        float target = elevation[clamp(r0 + dr[k], rows - 1) * cols + clamp(c0 + dc[k], cols - 1)];
        float up = target + 2.0f;
        float diff = up - eye32;
        rise[k] = (double)diff;
        seen[k] = 1;
    }
    for (Py_ssize_t p = 0; p < m; p++) {
        Py_ssize_t k = ti[p];
        if (!seen[k]) {
            continue;
        }
        double r = rise[k];
        double product = (r >= 0 ? least[p] : greatest[p]) * r;
        double line = eye + product;
        double blocker = (double)sight[clamp(r0 + sr[p], rows - 1) * cols + clamp(c0 + sc[p], cols - 1)];
        if (blocker > line) {
            seen[k] = 0;
        }
    }
    memset(out, 0, (size_t)(side * side));
    for (Py_ssize_t k = 0; k < n; k++) {
        out[(dr[k] + radius) * side + dc[k] + radius] = seen[k];
    }
    result = Py_None;
    Py_INCREF(result);
done:
    free(rise);
    free(seen);
    for (int i = 0; i < got; i++) {
        PyBuffer_Release(&buf[i]);
    }
    return result;
}

static PyMethodDef methods[] = {
    {"viewshed", viewshed, METH_VARARGS,
     "viewshed(elevation, sight, rows, cols, r0, c0, radius, dr, dc, ti, sr, sc, least, greatest, out): "
     "the observer's visible cells into out, (2 radius + 1)^2 bytes."},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {PyModuleDef_HEAD_INIT, "_viewshed", NULL, -1, methods};

PyMODINIT_FUNC PyInit__viewshed(void) { return PyModule_Create(&module); }
