using System;

namespace NanoTcp.Enc28j60
{
    /// <summary>
    /// ENC28J60 Ethernet controller driver: the stack's <see cref="ILink"/> over an <see cref="ISpiBus"/>.
    /// Every erratum of DS80349C that software can handle is handled (see README.md), every wait is bounded by the
    /// injected <see cref="IMicrosecondClock"/>, and every fault (corrupt ring header, RX overflow, transmit abort,
    /// late collision, transmit hang, chip reset by a brown-out) is recovered from. Allocation-free after
    /// construction. Not thread-safe: call it from one thread.
    /// </summary>
    public sealed partial class Enc28j60Driver : ILink
    {
        private readonly SpiInstructionPort _port;
        private readonly MiiManagement _mii;
        private readonly IMicrosecondClock _clock;
        private readonly IResetPin _resetPin;
        private readonly IInterruptPin _interruptPin;
        private readonly Enc28j60Options _options;
        private readonly byte[] _macAddress = new byte[6];

        private bool _started;
        private bool _running;
        private bool _linkUp;
        private long _lastHealthCheck;

        /// <summary>Creates the driver; nothing is sent to the chip until <see cref="Initialize"/>.</summary>
        /// <param name="spi">The SPI bus, one instruction per chip-select window.</param>
        /// <param name="clock">Time source bounding every wait.</param>
        /// <param name="options">Configuration; copied where needed, null for the defaults.</param>
        /// <param name="resetPin">Optional RESET pin; without it the chip is reset with SRC.</param>
        /// <param name="interruptPin">Optional INT pin; without it EIR is polled.</param>
        public Enc28j60Driver(ISpiBus spi, IMicrosecondClock clock, Enc28j60Options options = null,
            IResetPin resetPin = null, IInterruptPin interruptPin = null)
        {
            if (spi == null)
            {
                throw new ArgumentNullException(nameof(spi));
            }

            if (clock == null)
            {
                throw new ArgumentNullException(nameof(clock));
            }

            _options = options ?? new Enc28j60Options();
            if (_options.MacAddress == null || _options.MacAddress.Length != 6)
            {
                throw new ArgumentException("MacAddress must be 6 bytes", nameof(options));
            }

            Array.Copy(_options.MacAddress, _macAddress, 6);
            _clock = clock;
            _resetPin = resetPin;
            _interruptPin = interruptPin;
            _port = new SpiInstructionPort(spi);
            _mii = new MiiManagement(_port, clock);
        }

        /// <summary>Statistics.</summary>
        public Enc28j60Counters Counters { get; } = new Enc28j60Counters();

        /// <summary>EREVID read at the last initialisation (0x06 = B7).</summary>
        public byte Revision { get; private set; }

        /// <summary>True after a successful initialisation until the chip is lost.</summary>
        public bool IsRunning => _running;

        /// <summary>B1/B4 silicon is driven below 8 MHz SPI and <see cref="Enc28j60Options.AllowSlowSpiClock"/> accepted it (errata #1).</summary>
        public bool SlowSpiClockWarning { get; private set; }

        /// <summary>Outcome of the most recently completed transmission.</summary>
        public bool LastTransmitSucceeded { get; private set; }

        /// <summary>PHY MII operations that timed out.</summary>
        public int MiiTimeouts => _mii.Timeouts;

        /// <summary>Link status (PHSTAT2.LSTAT) as of the last link-change service; no SPI traffic.</summary>
        public bool IsUp => _running && _linkUp;

        /// <summary>
        /// Services the chip without receiving: link changes, RX overflow, transmit completion and retries,
        /// transmit hang detection, the periodic health check and re-initialisation of a lost chip.
        /// <see cref="Receive"/> does this by itself whenever the receive ring is empty.
        /// </summary>
        public void Service()
        {
            if (!RunHealthCheckIfDue())
            {
                return;
            }

            ServiceEvents();
        }

        /// <summary>
        /// Runs the health check when its period has elapsed. Returns false when the chip is not running
        /// (once <see cref="Initialize"/> has been called, a failed initialisation is retried every period).
        /// </summary>
        private bool RunHealthCheckIfDue()
        {
            long now = _clock.NowMicroseconds;
            if (!_started || now - _lastHealthCheck < _options.HealthCheckIntervalMicroseconds)
            {
                return _running;
            }

            _lastHealthCheck = now;
            if (!_running || !ChipLooksHealthy())
            {
                Initialize();
                return _running;
            }

            // Safety net for an edge the pin adapter never saw (ESP's 1 s level re-check).
            if (_interruptPin != null)
            {
                ServiceInterrupt();
            }

            return true;
        }

        private static bool IsValidRange(byte[] buffer, int offset, int count)
        {
            return buffer != null && offset >= 0 && count >= 0 && offset <= buffer.Length - count;
        }
    }
}
