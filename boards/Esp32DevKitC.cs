namespace NanoTcp.Boards
{
    /// <summary>
    /// Espressif ESP32-DevKitC with an ESP32-WROOM-32 module. The ENC28J60 sits on the VSPI native (IOMUX) pins —
    /// SCK 18, MISO 19, MOSI 23, CS 5 — which nanoFramework calls SPI bus 2 ("SPI2" = SPI3_HOST) and which carries
    /// no nanoFramework default pin assignment, so the full 20 MHz is available without the GPIO matrix. GPIO 18/19
    /// are also nanoFramework's default I2C1 pins: an application that needs I2C maps it to GPIO 21/22.
    /// </summary>
    public sealed class Esp32DevKitC : BoardDefinition
    {
        /// <inheritdoc />
        public override string Name => "ESP32-DevKitC (WROOM-32)";
        /// <inheritdoc />
        public override int SpiBusId => 2;
        /// <inheritdoc />
        public override int MosiPin => 23;
        /// <inheritdoc />
        public override int MisoPin => 19;
        /// <inheritdoc />
        public override int ClockPin => 18;
        /// <inheritdoc />
        public override int ChipSelectPin => 5;
        /// <inheritdoc />
        public override int InterruptPin => 4;
        /// <inheritdoc />
        public override int ResetPin => 27;
        /// <inheritdoc />
        public override int SpiClockHz => 20000000;
        /// <inheritdoc />
        public override string FirmwareTarget => "ESP32_REV0";
        /// <inheritdoc />
        public override int[] ReservedPins => Esp32Pins.ClassicReserved();
        /// <inheritdoc />
        public override int[] InputOnlyPins => Esp32Pins.ClassicInputOnly();
        /// <inheritdoc />
        public override int I2cDataPin => 21;
        /// <inheritdoc />
        public override int I2cClockPin => 22;
    }
}
