using System;
using System.Device.Gpio;
using System.Device.Spi;

namespace NanoTcp.Enc28j60.Device
{
    /// <summary>
    /// <see cref="ISpiBus"/> over nanoFramework's <see cref="SpiDevice"/>: SPI mode 0, MSB first, at most 20 MHz,
    /// one chip-select window per call. nanoFramework only (not part of the host build).
    /// Set the ESP32 pin functions first (<see cref="Enc28j60Esp32Pins.ConfigureSpi"/>), then create this.
    /// </summary>
    public sealed class Enc28j60SpiBus : ISpiBus, IDisposable
    {
        /// <summary>The ENC28J60's maximum SCK (DS feature list).</summary>
        public const int MaxClockHz = 20000000;

        /// <summary>The ESP32 SPI bus the reference board uses.</summary>
        public const int DefaultBusId = 1;

        private readonly SpiDevice _device;
        private readonly GpioPin _softwareChipSelect;

        /// <summary>
        /// Opens the bus with the SPI controller driving chip select (<see cref="SpiConnectionSettings.ChipSelectLine"/>).
        /// </summary>
        /// <param name="chipSelectPin">GPIO wired to the ENC28J60 CS pin.</param>
        /// <param name="clockHz">SCK; at most 20 MHz, at least 8 MHz for B1/B4 silicon (errata #1).</param>
        /// <param name="busId">SPI bus id (1 on the reference board).</param>
        public Enc28j60SpiBus(int chipSelectPin, int clockHz = MaxClockHz, int busId = DefaultBusId)
            : this(chipSelectPin, clockHz, busId, null)
        {
        }

        /// <summary>
        /// Opens the bus with chip select driven as a plain GPIO around each transfer. Use it when the controller's
        /// CS hold time after the last clock is shorter than the 210 ns MAC/MII registers need (enc28j60.md §1.1).
        /// </summary>
        /// <param name="chipSelectPin">GPIO wired to the ENC28J60 CS pin.</param>
        /// <param name="clockHz">SCK in Hz.</param>
        /// <param name="busId">SPI bus id.</param>
        /// <param name="gpio">Controller that owns <paramref name="chipSelectPin"/>.</param>
        public Enc28j60SpiBus(int chipSelectPin, int clockHz, int busId, GpioController gpio)
        {
            if (clockHz > MaxClockHz)
            {
                clockHz = MaxClockHz;
            }

            var settings = new SpiConnectionSettings(busId, gpio == null ? chipSelectPin : -1)
            {
                Mode = SpiMode.Mode0,
                ClockFrequency = clockHz,
                DataBitLength = 8,
                DataFlow = DataFlow.MsbFirst,
                ChipSelectLineActiveState = PinValue.Low,
                Configuration = SpiBusConfiguration.FullDuplex,
            };
            ClockHz = clockHz;
            if (gpio != null)
            {
                _softwareChipSelect = gpio.OpenPin(chipSelectPin, PinMode.Output);
                _softwareChipSelect.Write(PinValue.High);
            }

            _device = SpiDevice.Create(settings);
        }

        /// <summary>The SCK actually requested; pass it to <see cref="Enc28j60Options.SpiClockHz"/>.</summary>
        public int ClockHz { get; }

        /// <inheritdoc />
        public void TransferFullDuplex(byte[] write, int writeOffset, byte[] read, int readOffset, int count)
        {
            if (_softwareChipSelect == null)
            {
                _device.TransferFullDuplex(new SpanByte(write, writeOffset, count), new SpanByte(read, readOffset, count));
                return;
            }

            _softwareChipSelect.Write(PinValue.Low);
            _device.TransferFullDuplex(new SpanByte(write, writeOffset, count), new SpanByte(read, readOffset, count));
            _softwareChipSelect.Write(PinValue.High);
        }

        /// <summary>Releases the SPI device and the software chip-select pin.</summary>
        public void Dispose()
        {
            _device.Dispose();
            if (_softwareChipSelect != null)
            {
                _softwareChipSelect.Dispose();
            }
        }
    }
}
