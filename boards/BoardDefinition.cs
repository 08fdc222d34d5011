namespace NanoTcp.Boards
{
    /// <summary>
    /// How an ENC28J60 module is wired to one ESP32 board: the nanoFramework SPI bus and the GPIO of every signal,
    /// the SPI clock, and the nanoff firmware target to flash. Pin numbers are ESP32 GPIO numbers (the "IOxx" /
    /// "GPIOxx" labels on the board). Values are plain data: the ESP32 entry point applies them with
    /// <c>Configuration.SetPinFunction</c> before <c>SpiDevice.Create</c>.
    /// </summary>
    public abstract class BoardDefinition
    {
        /// <summary>No pin (e.g. RESET tied to 3.3 V through a pull-up).</summary>
        public const int NoPin = -1;

        /// <summary>Highest SPI clock the ENC28J60 allows: 20 MHz (DS39662E, SPI characteristics).</summary>
        public const int MaxSpiClockHz = 20000000;

        /// <summary>
        /// Lowest SPI clock that avoids ENC28J60 errata #1 (rev B1/B4: MAC/MII registers unreliable below 8 MHz with
        /// an asynchronous clock): 8 MHz.
        /// </summary>
        public const int MinSpiClockHz = 8000000;

        /// <summary>Board name as printed on it / sold.</summary>
        public abstract string Name { get; }

        /// <summary>
        /// nanoFramework SPI bus id for <c>SpiConnectionSettings(busId, …)</c>: 1 = "SPI1" (ESP32 SPI2_HOST/HSPI,
        /// DeviceFunction.SPI1_*), 2 = "SPI2" (ESP32 SPI3_HOST/VSPI, DeviceFunction.SPI2_*).
        /// </summary>
        public abstract int SpiBusId { get; }

        /// <summary>GPIO wired to the ENC28J60 SI pin (MOSI).</summary>
        public abstract int MosiPin { get; }

        /// <summary>GPIO wired to the ENC28J60 SO pin (MISO).</summary>
        public abstract int MisoPin { get; }

        /// <summary>GPIO wired to the ENC28J60 SCK pin.</summary>
        public abstract int ClockPin { get; }

        /// <summary>GPIO wired to the ENC28J60 CS pin (active low, driven by nanoFramework around each transfer).</summary>
        public abstract int ChipSelectPin { get; }

        /// <summary>GPIO wired to the ENC28J60 INT pin (active low), or <see cref="NoPin"/> to poll the chip.</summary>
        public abstract int InterruptPin { get; }

        /// <summary>GPIO wired to the ENC28J60 RESET pin (active low), or <see cref="NoPin"/> (soft reset only).</summary>
        public abstract int ResetPin { get; }

        /// <summary>SPI clock in Hz (at most <see cref="MaxSpiClockHz"/>).</summary>
        public abstract int SpiClockHz { get; }

        /// <summary>The <c>nanoff --target</c> image for the board, e.g. "ESP32_REV0".</summary>
        public abstract string FirmwareTarget { get; }

        /// <summary>
        /// GPIOs the board (or its module) already uses and that must not be wired: flash/PSRAM lines, the USB or
        /// UART console, input-only pins for outputs are checked separately.
        /// </summary>
        public abstract int[] ReservedPins { get; }

        /// <summary>
        /// GPIOs that can only be inputs on this chip (ESP32: 34–39). MISO and INT may use them; MOSI, SCK, CS and
        /// RESET may not.
        /// </summary>
        public abstract int[] InputOnlyPins { get; }

        /// <summary>
        /// Where to put I2C1 if the application needs it: the nanoFramework default I2C1 pins (classic ESP32:
        /// data 18, clock 19) are taken by the ENC28J60 on some boards, so these are the pins to pass to
        /// <c>Configuration.SetPinFunction(…, DeviceFunction.I2C1_DATA/I2C1_CLOCK)</c> instead.
        /// </summary>
        public abstract int I2cDataPin { get; }

        /// <summary>See <see cref="I2cDataPin"/>.</summary>
        public abstract int I2cClockPin { get; }

        /// <summary>The pins the ENC28J60 uses, in the order MOSI, MISO, SCK, CS, INT, RESET (NoPin where unused).</summary>
        public int[] EthernetPins()
        {
            return new int[] { MosiPin, MisoPin, ClockPin, ChipSelectPin, InterruptPin, ResetPin };
        }
    }
}
