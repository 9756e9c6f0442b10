// SPDX-License-Identifier: Apache-2.0
// Decodes each file named on stdin with DCMTK in one process and prints the seconds it took:
// the in-process baseline for `lumen bench --only codecs`.
#include "dcmtk/config/osconfig.h"
#include "dcmtk/dcmdata/dctk.h"
#include "dcmtk/dcmdata/dcrledrg.h"
#include "dcmtk/dcmjpeg/djdecode.h"
#include "dcmtk/dcmjpls/djdecode.h"
#include <chrono>
#include <iostream>
#include <string>
#include <vector>

int main() {
    DJDecoderRegistration::registerCodecs();
    DcmRLEDecoderRegistration::registerCodecs();
    DJLSDecoderRegistration::registerCodecs();
    std::vector<std::string> files;
    for (std::string line; std::getline(std::cin, line);) {
        if (!line.empty()) files.push_back(line);
    }
    auto start = std::chrono::steady_clock::now();
    unsigned long checksum = 0;
    for (const auto& f : files) {
        DcmFileFormat file;
        if (file.loadFile(f.c_str()).bad()) { std::cerr << "cannot read " << f << "\n"; return 1; }
        DcmDataset* data = file.getDataset();
        if (data->chooseRepresentation(EXS_LittleEndianExplicit, nullptr).bad()) { std::cerr << "cannot decode " << f << "\n"; return 1; }
        const Uint16* pixels = nullptr;
        unsigned long count = 0;
        if (data->findAndGetUint16Array(DCM_PixelData, pixels, &count).bad() || count == 0) { std::cerr << "no pixels in " << f << "\n"; return 1; }
        checksum += pixels[count / 2];
    }
    double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    std::cout << seconds << " " << checksum << std::endl;
    return 0;
}
