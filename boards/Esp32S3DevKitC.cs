namespace NanoTcp.Boards
{
    /// <summary>
    /// Espressif ESP32-S3-DevKitC-1 (ESP32-S3-WROOM-1, N8R8 octal PSRAM). The ENC28J60 is on the FSPI native
    /// (IOMUX) pins of SPI2_HOST — CS 10, MOSI 11, SCK 12, MISO 13 — which is nanoFramework SPI bus 1, so 20 MHz
    /// needs no GPIO matrix. Avoided: strapping pins 0, 3, 45, 46, USB 19/20, flash and octal-PSRAM lines 26–37,
    /// the UART0 console 43/44 and the RGB LED (48 on v1.0, 38 on v1.1).
    /// </summary>
    public sealed class Esp32S3DevKitC : BoardDefinition
    {
        /// <inheritdoc />
        public override string Name => "ESP32-S3-DevKitC-1 (WROOM-1 N8R8)";
        /// <inheritdoc />
        public override int SpiBusId => 1;
        /// <inheritdoc />
        public override int MosiPin => 11;
        /// <inheritdoc />
        public override int MisoPin => 13;
        /// <inheritdoc />
        public override int ClockPin => 12;
        /// <inheritdoc />
        public override int ChipSelectPin => 10;
        /// <inheritdoc />
        public override int InterruptPin => 9;
        /// <inheritdoc />
        public override int ResetPin => 14;
        /// <inheritdoc />
        public override int SpiClockHz => 20000000;
        /// <inheritdoc />
        public override string FirmwareTarget => "ESP32_S3_OCTAL";
        /// <inheritdoc />
        public override int[] ReservedPins => new int[]
        {
            0, 3, 19, 20, 26, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 37, 38, 43, 44, 45, 46, 48,
        };
        /// <inheritdoc />
        public override int[] InputOnlyPins => new int[0];
        /// <inheritdoc />
        public override int I2cDataPin => 4;
        /// <inheritdoc />
        public override int I2cClockPin => 5;
    }
}
