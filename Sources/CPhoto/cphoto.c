#include "cphoto.h"
#include <vips/vips.h>
#include <string.h>
#include <stdio.h>
#if defined(__GLIBC__)
#include <malloc.h>
#endif

static __thread char last_error[512];

static void keep_error(void) {
    const char *text = vips_error_buffer();
    snprintf(last_error, sizeof last_error, "%s", text && *text ? text : "image operation failed");
    vips_error_clear();
}

const char *cphoto_error(void) { return last_error; }
void cphoto_clear_error(void) { last_error[0] = 0; }

int cphoto_start(int threads) {
    if (VIPS_INIT("gazette")) { keep_error(); return -1; }
    /* Only the loaders the photo desk names are ever called, but a generic load must not be
       able to reach PDF, SVG, Matlab or other rarely hardened loaders either. */
    vips_block_untrusted_set(TRUE);
    vips_cache_set_max(0);
    vips_concurrency_set(threads > 0 ? threads : 1);
    return 0;
}

cphoto_image cphoto_open(const void *bytes, size_t length, int format) {
    VipsImage *out = NULL;
    int status = -1;
    void *buffer = (void *) bytes;
    switch (format) {
    case CPHOTO_JPEG: status = vips_jpegload_buffer(buffer, length, &out, "fail_on", VIPS_FAIL_ON_TRUNCATED, NULL); break;
    case CPHOTO_PNG: status = vips_pngload_buffer(buffer, length, &out, "fail_on", VIPS_FAIL_ON_TRUNCATED, NULL); break;
    case CPHOTO_WEBP: status = vips_webpload_buffer(buffer, length, &out, "fail_on", VIPS_FAIL_ON_TRUNCATED, NULL); break;
    default: vips_error("cphoto", "unknown format"); break;
    }
    if (status) { keep_error(); return NULL; }
    return out;
}

int cphoto_width(cphoto_image image) { return vips_image_get_width((VipsImage *) image); }
int cphoto_height(cphoto_image image) { return vips_image_get_height((VipsImage *) image); }

int cphoto_orientation(cphoto_image image) {
    int orientation = 1;
    if (vips_image_get_typeof((VipsImage *) image, VIPS_META_ORIENTATION) &&
        !vips_image_get_int((VipsImage *) image, VIPS_META_ORIENTATION, &orientation)) {
        return orientation;
    }
    vips_error_clear();
    return 1;
}

/* Every metadata item (EXIF, XMP, IPTC, ICC, orientation, format hints) off the image. The
   savers' own "strip" is not enough: libvips 8.14's WebP saver still writes EXIF and XMP. */
static void remove_metadata(VipsImage *image) {
    gchar **fields = vips_image_get_fields(image);
    for (int i = 0; fields[i]; i++) vips_image_remove(image, fields[i]);
    g_strfreev(fields);
}

const void *cphoto_blob(cphoto_image image, const char *name, size_t *length) {
    const void *data = NULL;
    *length = 0;
    if (!vips_image_get_typeof((VipsImage *) image, name)) return NULL;
    if (vips_image_get_blob((VipsImage *) image, name, &data, length)) { vips_error_clear(); *length = 0; return NULL; }
    return data;
}

cphoto_image cphoto_master(const void *bytes, size_t length, int width, int height) {
    VipsImage *base = vips_image_new();
    VipsImage **t = (VipsImage **) vips_object_local_array(VIPS_OBJECT(base), 4);
    VipsImage *result = NULL;
    if (vips_thumbnail_buffer((void *) bytes, length, &t[0], width, "height", height,
            "size", VIPS_SIZE_DOWN, "option_string", "fail_on=truncated", NULL)) goto done;
    VipsImage *upright = t[0];
    if (vips_image_hasalpha(upright)) {
        VipsArrayDouble *white = vips_array_double_newv(3, 255.0, 255.0, 255.0);
        int failed = vips_flatten(upright, &t[1], "background", white, NULL);
        vips_area_unref(VIPS_AREA(white));
        if (failed) goto done;
        upright = t[1];
    }
    if (vips_cast_uchar(upright, &t[2], NULL)) goto done;
    /* Decodes every pixel now: a damaged file fails here, inside the upload, not later. */
    result = vips_image_copy_memory(t[2]);
    if (result) remove_metadata(result);
done:
    if (!result) keep_error();
    g_object_unref(base);
    return result;
}

cphoto_image cphoto_resize(cphoto_image image, int width) {
    VipsImage *in = (VipsImage *) image, *out = NULL;
    double scale = (double) width / (double) vips_image_get_width(in);
    if (vips_resize(in, &out, scale, NULL)) { keep_error(); return NULL; }
    return out;
}

cphoto_image cphoto_crop(cphoto_image image, int left, int top, int w, int h, int out_width, int out_height) {
    VipsImage *area = NULL, *out = NULL;
    if (vips_extract_area((VipsImage *) image, &area, left, top, w, h, NULL)) { keep_error(); return NULL; }
    int failed = vips_resize(area, &out, (double) out_width / w, "vscale", (double) out_height / h, NULL);
    g_object_unref(area);
    if (failed) { keep_error(); return NULL; }
    return out;
}

cphoto_image cphoto_blur(cphoto_image image, double sigma) {
    VipsImage *out = NULL;
    if (vips_gaussblur((VipsImage *) image, &out, sigma, NULL)) { keep_error(); return NULL; }
    return out;
}

int cphoto_encode(cphoto_image image, int format, int quality, void **bytes, size_t *length) {
    VipsImage *in = (VipsImage *) image;
    int status = -1;
    switch (format) {
    case CPHOTO_JPEG:
        status = vips_jpegsave_buffer(in, bytes, length, "Q", quality, "strip", TRUE,
            "optimize_coding", TRUE, "interlace", TRUE, NULL);
        break;
    case CPHOTO_WEBP: status = vips_webpsave_buffer(in, bytes, length, "Q", quality, "strip", TRUE, NULL); break;
    case CPHOTO_PNG: status = vips_pngsave_buffer(in, bytes, length, "strip", TRUE, NULL); break;
    default: vips_error("cphoto", "unknown format"); break;
    }
    if (status) { keep_error(); return -1; }
    return 0;
}

cphoto_image cphoto_synthetic(int width, int height, unsigned seed) {
    VipsImage *base = vips_image_new();
    VipsImage **t = (VipsImage **) vips_object_local_array(VIPS_OBJECT(base), 24);
    VipsImage *result = NULL;
    double hue = (double) (seed % 7) / 7.0, phase = (double) (seed * 37 % 360);
    double sky_a[3] = { 70.0 * (1 - hue), 60.0, -50.0 * hue };
    double sky_b[3] = { 80 + 90 * hue, 130, 230 - 60 * hue };
    double hill_a[3] = { -40, -60, -20 };
    double hill_b[3] = { 60 + 60 * hue, 150 - 30 * hue, 60 };
    double sun[3] = { 255, 225, 120 };
    if (vips_xyz(&t[0], width, height, NULL)) goto done;
    if (vips_extract_band(t[0], &t[1], 0, NULL) || vips_extract_band(t[0], &t[2], 1, NULL)) goto done;
    /* sky: a vertical gradient; hills: below a sine ridge; a sun: inside a circle. */
    if (vips_linear1(t[2], &t[3], 1.0 / height, 0, NULL)) goto done;
    if (vips_linear(t[3], &t[4], sky_a, sky_b, 3, NULL)) goto done;
    if (vips_linear(t[3], &t[5], hill_a, hill_b, 3, NULL)) goto done;
    if (vips_linear1(t[1], &t[6], 540.0 / width, phase, NULL)) goto done;
    if (vips_math(t[6], &t[7], VIPS_OPERATION_MATH_SIN, NULL)) goto done;
    if (vips_linear1(t[7], &t[8], 0.07 * height, 0.62 * height, NULL)) goto done;
    if (vips_relational(t[2], t[8], &t[9], VIPS_OPERATION_RELATIONAL_MORE, NULL)) goto done;
    if (vips_ifthenelse(t[9], t[5], t[4], &t[10], NULL)) goto done;
    double cx = width * (0.2 + 0.6 * ((seed * 13) % 10) / 10.0), cy = height * 0.28, r = height * 0.09;
    if (vips_linear1(t[1], &t[11], 1, -cx, NULL) || vips_linear1(t[2], &t[12], 1, -cy, NULL)) goto done;
    if (vips_multiply(t[11], t[11], &t[13], NULL) || vips_multiply(t[12], t[12], &t[14], NULL)) goto done;
    if (vips_add(t[13], t[14], &t[15], NULL)) goto done;
    if (vips_relational_const1(t[15], &t[16], VIPS_OPERATION_RELATIONAL_LESS, r * r, NULL)) goto done;
    {
        VipsImage *sunny = NULL;
        int failed = vips_black(&t[18], width, height, "bands", 3, NULL) ||
            vips_linear(t[18], &t[19], (double[]){ 0, 0, 0 }, sun, 3, NULL) ||
            vips_ifthenelse(t[16], t[19], t[10], &sunny, NULL);
        if (failed) goto done;
        t[20] = sunny;
    }
    if (vips_gaussnoise(&t[21], width, height, "sigma", 7.0, "mean", 0.0, NULL)) goto done;
    if (vips_add(t[20], t[21], &t[22], NULL)) goto done;
    if (vips_cast_uchar(t[22], &t[23], NULL)) goto done;
    result = vips_image_copy_memory(t[23]);
    if (result) vips_image_set_int(result, "gazette-synthetic", 1);
done:
    if (!result) keep_error();
    g_object_unref(base);
    return result;
}

int cphoto_encode_with_orientation(cphoto_image image, int orientation, void **bytes, size_t *length) {
    VipsImage *copy = NULL;
    if (vips_copy((VipsImage *) image, &copy, NULL)) { keep_error(); return -1; }
    vips_image_set_int(copy, VIPS_META_ORIENTATION, orientation);
    int status = vips_jpegsave_buffer(copy, bytes, length, "Q", 90, NULL);
    g_object_unref(copy);
    if (status) { keep_error(); return -1; }
    return 0;
}

void cphoto_release(cphoto_image image) { if (image) g_object_unref((VipsImage *) image); }
void cphoto_free(void *bytes) { g_free(bytes); }

int cphoto_limit_malloc_arenas(int count) {
#if defined(__GLIBC__)
    return mallopt(M_ARENA_MAX, count);
#else
    (void) count;
    return 0;
#endif
}
