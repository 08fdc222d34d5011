namespace NanoTcp.Boards
{
    /// <summary>
    /// DOIT ESP32 DEVKIT V1 (30-pin, ESP32-WROOM-32), the common low-cost clone. The ENC28J60 is on nanoFramework
    /// SPI bus 1 ("SPI1" = SPI2_HOST/HSPI) routed through the GPIO matrix to pins chosen to stay clear of every
    /// nanoFramework default (SPI1 23/25/19, I2C1 18/19, I2C2 25/26) and of the strapping pins, so I2C1 keeps its
    /// default pins on this board. INT uses input-only GPIO 34 (the ENC28J60 drives INT push-pull). The GPIO
    /// matrix allows 26 MHz; 16 MHz leaves margin for jumper wires.
    /// </summary>
    public sealed class Esp32DoitDevKitV1 : BoardDefinition
    {
        /// <inheritdoc />
        public override string Name => "DOIT ESP32 DEVKIT V1 (WROOM-32)";
        /// <inheritdoc />
        public override int SpiBusId => 1;
        /// <inheritdoc />
        public override int MosiPin => 13;
        /// <inheritdoc />
        public override int MisoPin => 27;
        /// <inheritdoc />
        public override int ClockPin => 14;
        /// <inheritdoc />
        public override int ChipSelectPin => 32;
        /// <inheritdoc />
        public override int InterruptPin => 34;
        /// <inheritdoc />
        public override int ResetPin => 33;
        /// <inheritdoc />
        public override int SpiClockHz => 16000000;
        /// <inheritdoc />
        public override string FirmwareTarget => "ESP32_REV0";
        /// <inheritdoc />
        public override int[] ReservedPins => Esp32Pins.ClassicReserved();
        /// <inheritdoc />
        public override int[] InputOnlyPins => Esp32Pins.ClassicInputOnly();
        /// <inheritdoc />
        public override int I2cDataPin => 18;
        /// <inheritdoc />
        public override int I2cClockPin => 19;
    }
}
