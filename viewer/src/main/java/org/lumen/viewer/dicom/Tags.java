// SPDX-License-Identifier: Apache-2.0
package org.lumen.viewer.dicom;

/** The DICOM tags Lumen reads, as (group << 16 | element). */
final class Tags {

    static final int TRANSFER_SYNTAX_UID = 0x00020010;
    static final int MEDIA_STORAGE_SOP_CLASS_UID = 0x00020002;
    static final int SPECIFIC_CHARACTER_SET = 0x00080005;
    static final int IMAGE_TYPE = 0x00080008;
    static final int SOP_CLASS_UID = 0x00080016;
    static final int SOP_INSTANCE_UID = 0x00080018;
    static final int STUDY_DATE = 0x00080020;
    static final int STUDY_TIME = 0x00080030;
    static final int ACCESSION_NUMBER = 0x00080050;
    static final int MODALITY = 0x00080060;
    static final int STUDY_DESCRIPTION = 0x00081030;
    static final int SERIES_DESCRIPTION = 0x0008103E;
    static final int PATIENT_NAME = 0x00100010;
    static final int PATIENT_ID = 0x00100020;
    static final int PATIENT_BIRTH_DATE = 0x00100030;
    static final int PATIENT_SEX = 0x00100040;
    static final int SLICE_THICKNESS = 0x00180050;
    static final int BODY_PART_EXAMINED = 0x00180015;
    static final int IMAGER_PIXEL_SPACING = 0x00181164;
    static final int ESTIMATED_RADIOGRAPHIC_MAGNIFICATION_FACTOR = 0x00181114;
    static final int SEQUENCE_OF_ULTRASOUND_REGIONS = 0x00186011;
    static final int REGION_LOCATION_MIN_X0 = 0x00186018;
    static final int REGION_LOCATION_MIN_Y0 = 0x0018601A;
    static final int REGION_LOCATION_MAX_X1 = 0x0018601C;
    static final int REGION_LOCATION_MAX_Y1 = 0x0018601E;
    static final int PHYSICAL_UNITS_X_DIRECTION = 0x00186024;
    static final int PHYSICAL_UNITS_Y_DIRECTION = 0x00186026;
    static final int PHYSICAL_DELTA_X = 0x0018602C;
    static final int PHYSICAL_DELTA_Y = 0x0018602E;
    static final int STUDY_INSTANCE_UID = 0x0020000D;
    static final int SERIES_INSTANCE_UID = 0x0020000E;
    static final int STUDY_ID = 0x00200010;
    static final int SERIES_NUMBER = 0x00200011;
    static final int ACQUISITION_NUMBER = 0x00200012;
    static final int INSTANCE_NUMBER = 0x00200013;
    static final int IMAGE_POSITION_PATIENT = 0x00200032;
    static final int IMAGE_ORIENTATION_PATIENT = 0x00200037;
    static final int FRAME_OF_REFERENCE_UID = 0x00200052;
    static final int PLANE_POSITION_SEQUENCE = 0x00209113;
    static final int PLANE_ORIENTATION_SEQUENCE = 0x00209116;
    static final int SAMPLES_PER_PIXEL = 0x00280002;
    static final int PHOTOMETRIC_INTERPRETATION = 0x00280004;
    static final int PLANAR_CONFIGURATION = 0x00280006;
    static final int NUMBER_OF_FRAMES = 0x00280008;
    static final int ROWS = 0x00280010;
    static final int COLUMNS = 0x00280011;
    static final int PIXEL_SPACING = 0x00280030;
    static final int PIXEL_SPACING_CALIBRATION_TYPE = 0x00280A02;
    static final int BITS_ALLOCATED = 0x00280100;
    static final int BITS_STORED = 0x00280101;
    static final int HIGH_BIT = 0x00280102;
    static final int PIXEL_REPRESENTATION = 0x00280103;
    static final int WINDOW_CENTER = 0x00281050;
    static final int WINDOW_WIDTH = 0x00281051;
    static final int RESCALE_INTERCEPT = 0x00281052;
    static final int RESCALE_SLOPE = 0x00281053;
    static final int RESCALE_TYPE = 0x00281054;
    static final int WINDOW_CENTER_WIDTH_EXPLANATION = 0x00281055;
    static final int LUT_DESCRIPTOR = 0x00283002;
    static final int LUT_EXPLANATION = 0x00283003;
    static final int LUT_DATA = 0x00283006;
    static final int MODALITY_LUT_SEQUENCE = 0x00283000;
    static final int MODALITY_LUT_TYPE = 0x00283004;
    static final int VOI_LUT_SEQUENCE = 0x00283010;
    static final int PIXEL_MEASURES_SEQUENCE = 0x00289110;
    static final int FRAME_VOI_LUT_SEQUENCE = 0x00289132;
    static final int PIXEL_VALUE_TRANSFORMATION_SEQUENCE = 0x00289145;
    static final int GRID_FRAME_OFFSET_VECTOR = 0x3004000C;
    static final int SHARED_FUNCTIONAL_GROUPS_SEQUENCE = 0x52009229;
    static final int PER_FRAME_FUNCTIONAL_GROUPS_SEQUENCE = 0x52009230;
    static final int DIRECTORY_RECORD_SEQUENCE = 0x00041220;
    static final int REFERENCED_FILE_ID = 0x00041500;
    static final int FLOAT_PIXEL_DATA = 0x7FE00008;
    static final int DOUBLE_FLOAT_PIXEL_DATA = 0x7FE00009;
    static final int PIXEL_DATA = 0x7FE00010;

    private Tags() { }
}
