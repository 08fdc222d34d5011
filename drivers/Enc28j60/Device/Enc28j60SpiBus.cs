using System;
using System.Device.Gpio;
using System.Device.Spi;

namespace NanoTcp.Enc28j60.Device
{
    /// <summary>
    /// <see cref="ISpiBus"/> over nanoFramework's <see cref="SpiDevice"/>: SPI mode 0, MSB first, at most 20 MHz, one
    /// chip-select window per call. Runs on any nanoFramework target with System.Device.Spi and System.Device.Gpio
    /// (nanoFramework only, not part of the host build). On an ESP32 the bus pins must be routed first
    /// (boards/Device/Esp32SpiPins.cs).
    /// </summary>
    /// <remarks>
    /// <para>Chip select is a GPIO the driver drives itself by default. The ENC28J60 needs CS held low for at least
    /// 210 ns after the last SCK edge of a MAC or MII register access (DS39662E, section 16 "Electrical
    /// Characteristics", SPI interface AC characteristics: CS hold time for MAC and MII registers).
    /// nanoFramework's ESP32 SPI driver configures the controller with <c>cs_ena_posttrans = 0</c>
    /// (nanoframework/nf-interpreter: targets/ESP32/_nanoCLR/System.Device.Spi/cpu_spi.cpp), so with the controller
    /// driving CS, CS rises right after the last clock edge, well under 210 ns at 20 MHz, and a MAC/MII access can read
    /// garbage or lose a write. A managed GPIO write takes microseconds, far above 210 ns. Espressif's own ENC28J60
    /// driver (espressif/esp-eth-drivers, component enc28j60) sets <c>cs_ena_posttrans</c> for the same reason.</para>
    /// <para><see cref="WithControllerChipSelect"/> lets the SPI controller drive CS instead; use it only on a target
    /// whose controller holds CS long enough after the last clock, or at an SCK of 2.5 MHz or less (half a period
    /// ≥ 200 ns) — which on rev. B1/B4 silicon violates errata #1 (SCK ≥ 8 MHz).</para>
    /// </remarks>
    public sealed class Enc28j60SpiBus : ISpiBus, IDisposable
    {
        /// <summary>The ENC28J60's maximum SCK (DS39662E, section 16).</summary>
        public const int MaxClockHz = 20000000;

        /// <summary>
        /// Default nanoFramework SPI bus id: 2, the bus boards/Esp32DevKitC.cs wires the ENC28J60 to (on an ESP32,
        /// bus 2 is SPI3_HOST/VSPI). Pass the board's own bus id when it differs.
        /// </summary>
        public const int DefaultBusId = 2;

        private readonly SpiDevice _device;
        private readonly GpioPin _chipSelect;

        /// <summary>
        /// Opens the bus with chip select driven by the driver as a GPIO around each transfer (the default; see the
        /// remarks for why).
        /// </summary>
        /// <param name="gpio">Controller that opens <paramref name="chipSelectPin"/> as an output.</param>
        /// <param name="chipSelectPin">GPIO wired to the ENC28J60 CS pin.</param>
        /// <param name="clockHz">SCK; at most 20 MHz, at least 8 MHz for B1/B4 silicon (errata #1).</param>
        /// <param name="busId">nanoFramework SPI bus id.</param>
        public Enc28j60SpiBus(GpioController gpio, int chipSelectPin, int clockHz = MaxClockHz, int busId = DefaultBusId)
            : this(busId, clockHz, gpio.OpenPin(chipSelectPin, PinMode.Output), -1)
        {
        }

        private Enc28j60SpiBus(int busId, int clockHz, GpioPin chipSelect, int controllerChipSelectLine)
        {
            if (clockHz > MaxClockHz)
            {
                clockHz = MaxClockHz;
            }

            _chipSelect = chipSelect;
            if (_chipSelect != null)
            {
                _chipSelect.Write(PinValue.High);
            }

            var settings = new SpiConnectionSettings(busId, controllerChipSelectLine)
            {
                Mode = SpiMode.Mode0,
                ClockFrequency = clockHz,
                DataBitLength = 8,
                DataFlow = DataFlow.MsbFirst,
                ChipSelectLineActiveState = PinValue.Low,
                Configuration = SpiBusConfiguration.FullDuplex,
            };
            ClockHz = clockHz;
            _device = SpiDevice.Create(settings);
        }

        /// <summary>
        /// Opens the bus with the SPI controller driving chip select (<see cref="SpiConnectionSettings.ChipSelectLine"/>).
        /// Only where the controller's CS hold after the last clock is at least 210 ns (see the remarks).
        /// </summary>
        /// <param name="chipSelectPin">GPIO wired to the ENC28J60 CS pin.</param>
        /// <param name="clockHz">SCK in Hz.</param>
        /// <param name="busId">nanoFramework SPI bus id.</param>
        public static Enc28j60SpiBus WithControllerChipSelect(int chipSelectPin, int clockHz, int busId)
        {
            return new Enc28j60SpiBus(busId, clockHz, null, chipSelectPin);
        }

        /// <summary>The SCK actually requested; pass it to <see cref="Enc28j60Options.SpiClockHz"/>.</summary>
        public int ClockHz { get; }

        /// <inheritdoc />
        public void TransferFullDuplex(byte[] write, int writeOffset, byte[] read, int readOffset, int count)
        {
            if (_chipSelect == null)
            {
                _device.TransferFullDuplex(new SpanByte(write, writeOffset, count), new SpanByte(read, readOffset, count));
                return;
            }

            _chipSelect.Write(PinValue.Low);
            _device.TransferFullDuplex(new SpanByte(write, writeOffset, count), new SpanByte(read, readOffset, count));
            _chipSelect.Write(PinValue.High);
        }

        /// <summary>Releases the SPI device and the chip-select pin.</summary>
        public void Dispose()
        {
            _device.Dispose();
            if (_chipSelect != null)
            {
                _chipSelect.Dispose();
            }
        }
    }
}
