#ifndef GAZETTE_CPHOTO_H
#define GAZETTE_CPHOTO_H
/* A small, non-variadic face of libvips for Swift: only the operations the photo desk needs,
   plain C types only (no GLib types leak into Swift). Every function returning an image gives
   the caller one reference, released with cphoto_release. On failure NULL (or -1) is returned
   and cphoto_error() tells why. */
#include <stddef.h>

typedef void *cphoto_image;

enum cphoto_format { CPHOTO_JPEG = 1, CPHOTO_PNG = 2, CPHOTO_WEBP = 3 };

/* Starts libvips once: untrusted loaders (everything but the common formats) blocked, the
   operation cache off, `threads` worker threads per pipeline. 0 on success. */
int cphoto_start(int threads);

/* Opens a buffer with the loader for `format` only; pixels are decoded when first needed and a
   truncated or damaged file is an error then. The buffer must outlive the image. */
cphoto_image cphoto_open(const void *bytes, size_t length, int format);
int cphoto_width(cphoto_image image);
int cphoto_height(cphoto_image image);
/* The EXIF orientation (1–8), 1 when absent. */
int cphoto_orientation(cphoto_image image);
/* A metadata blob of the header ("xmp-data", "exif-data", "icc-profile-data"), or NULL; it
   lives as long as the image. */
const void *cphoto_blob(cphoto_image image, const char *name, size_t *length);

/* Decodes the buffer shrunk to fit `width` × `height` (never enlarged), turned upright by its
   EXIF orientation, in sRGB, and kept in memory. */
cphoto_image cphoto_master(const void *bytes, size_t length, int width, int height);
/* Resized to `width` (height in proportion). */
cphoto_image cphoto_resize(cphoto_image image, int width);
/* The rectangle (left, top, w, h), scaled to out_width × out_height. */
cphoto_image cphoto_crop(cphoto_image image, int left, int top, int w, int h, int out_width, int out_height);
/* A gaussian blur of `sigma`. */
cphoto_image cphoto_blur(cphoto_image image, double sigma);
/* Encodes without any metadata (EXIF, XMP, IPTC, ICC all stripped). The bytes are freed with
   cphoto_free. 0 on success. */
int cphoto_encode(cphoto_image image, int format, int quality, void **bytes, size_t *length);
/* A made-up photo-like picture (sky, hills and a sun from `seed`) for the demo and tests. */
cphoto_image cphoto_synthetic(int width, int height, unsigned seed);
/* Sets the orientation stored when the image is saved as JPEG (tests of upright turning). */
int cphoto_encode_with_orientation(cphoto_image image, int orientation, void **bytes, size_t *length);

/* glibc's mallopt(M_ARENA_MAX, count): how many malloc arenas threads share. */
int cphoto_limit_malloc_arenas(int count);

void cphoto_release(cphoto_image image);
void cphoto_free(void *bytes);
/* The last error of this thread (empty when none); cleared by cphoto_clear_error. */
const char *cphoto_error(void);
void cphoto_clear_error(void);
#endif
