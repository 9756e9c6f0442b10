// SPDX-License-Identifier: Apache-2.0
package org.lumen.annotation.exchange;

/**
 * DICOM's colour for segments and ROIs (PS3.3 C.10.7.1.1): CIELab (D65) scaled to 0–65535 per
 * component, converted to and from sRGB "#RRGGBB" so that a colour survives a round trip.
 */
public final class CieLab {

    private static final double XN = 0.950456;
    private static final double ZN = 1.088754;

    private CieLab() { }

    /** The three scaled CIELab values of an sRGB colour "#RRGGBB". */
    public static int[] fromRgb(String colour) {
        int rgb = Integer.parseInt(colour.substring(1), 16);
        double r = linear(((rgb >> 16) & 0xFF) / 255.0);
        double g = linear(((rgb >> 8) & 0xFF) / 255.0);
        double b = linear((rgb & 0xFF) / 255.0);
        double x = (0.4124564 * r + 0.3575761 * g + 0.1804375 * b) / XN;
        double y = 0.2126729 * r + 0.7151522 * g + 0.0721750 * b;
        double z = (0.0193339 * r + 0.1191920 * g + 0.9503041 * b) / ZN;
        double fx = f(x);
        double fy = f(y);
        double fz = f(z);
        double l = 116 * fy - 16;
        double a = 500 * (fx - fy);
        double bb = 200 * (fy - fz);
        return new int[] {scale(l / 100), scale((a + 128) / 255), scale((bb + 128) / 255)};
    }

    /** The sRGB colour "#rrggbb" of three scaled CIELab values. */
    public static String toRgb(int[] lab) {
        double l = lab[0] / 65535.0 * 100;
        double a = lab[1] / 65535.0 * 255 - 128;
        double bb = lab[2] / 65535.0 * 255 - 128;
        double fy = (l + 16) / 116;
        double x = XN * fInverse(fy + a / 500);
        double y = fInverse(fy);
        double z = ZN * fInverse(fy - bb / 200);
        double r = 3.2404542 * x - 1.5371385 * y - 0.4985314 * z;
        double g = -0.9692660 * x + 1.8760108 * y + 0.0415560 * z;
        double b = 0.0556434 * x - 0.2040259 * y + 1.0572252 * z;
        return String.format("#%02x%02x%02x", gamma(r), gamma(g), gamma(b));
    }

    private static double linear(double c) {
        return c <= 0.04045 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4);
    }

    private static int gamma(double c) {
        double v = c <= 0.0031308 ? 12.92 * c : 1.055 * Math.pow(c, 1 / 2.4) - 0.055;
        return (int) Math.round(Math.max(0, Math.min(1, v)) * 255);
    }

    private static double f(double t) {
        return t > 216.0 / 24389 ? Math.cbrt(t) : (24389.0 / 27 * t + 16) / 116;
    }

    private static double fInverse(double t) {
        return t * t * t > 216.0 / 24389 ? t * t * t : (116 * t - 16) / (24389.0 / 27);
    }

    private static int scale(double unit) {
        return (int) Math.round(Math.max(0, Math.min(1, unit)) * 65535);
    }
}
