// SPDX-License-Identifier: Apache-2.0
// Decodes each file named on stdin with DCMTK in one process and prints the seconds it took, a checksum and the
// process CPU seconds: the in-process baseline for `lumen bench --only codecs`. The data dictionary is loaded
// before the clock starts (DCMTK loads it on first use, ~8 ms, which is start-up, not decoding). With the argument
// "keep" every decoded data set is kept until the last file is done, as a viewer loading a series keeps its slices.
#include "dcmtk/config/osconfig.h"
#include "dcmtk/dcmdata/dctk.h"
#include "dcmtk/dcmdata/dcrledrg.h"
#include "dcmtk/dcmjpeg/djdecode.h"
#include "dcmtk/dcmjpls/djdecode.h"
#include <chrono>
#include <ctime>
#include <iostream>
#include <string>
#include <vector>

int main(int argc, char** argv) {
    const bool keep = argc > 1 && std::string(argv[1]) == "keep";
    DJDecoderRegistration::registerCodecs();
    DcmRLEDecoderRegistration::registerCodecs();
    DJLSDecoderRegistration::registerCodecs();
    std::vector<std::string> files;
    for (std::string line; std::getline(std::cin, line);) {
        if (!line.empty()) files.push_back(line);
    }
    if (!dcmDataDict.isDictionaryLoaded()) { std::cerr << "DCMTK's data dictionary is not loaded\n"; return 1; }
    std::vector<DcmFileFormat*> kept;
    const std::clock_t cpuStart = std::clock();
    auto start = std::chrono::steady_clock::now();
    unsigned long checksum = 0;
    for (const auto& f : files) {
        DcmFileFormat* owned = new DcmFileFormat();
        DcmFileFormat& file = *owned;
        if (file.loadFile(f.c_str()).bad()) { std::cerr << "cannot read " << f << "\n"; return 1; }
        DcmDataset* data = file.getDataset();
        if (data->chooseRepresentation(EXS_LittleEndianExplicit, nullptr).bad()) { std::cerr << "cannot decode " << f << "\n"; return 1; }
        const Uint16* pixels = nullptr;
        unsigned long count = 0;
        if (data->findAndGetUint16Array(DCM_PixelData, pixels, &count).bad() || count == 0) { std::cerr << "no pixels in " << f << "\n"; return 1; }
        checksum += pixels[count / 2];
        if (keep) kept.push_back(owned); else delete owned;
    }
    double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    double cpu = double(std::clock() - cpuStart) / CLOCKS_PER_SEC;
    for (DcmFileFormat* k : kept) delete k;
    std::cout << seconds << " " << checksum << " " << cpu << std::endl;
    return 0;
}
