using System;
using System.Collections.Generic;

namespace NanoTcp.Enc28j60.Emulation
{
    /// <summary>
    /// Register-level model of a Microchip ENC28J60 as the driver sees it through SPI (ENC28J60 facts §11): opcode
    /// decoding per chip-select window, banked control registers, 8 KB buffer memory with the RX ring, receive filters
    /// and status vectors, transmit with control byte and status vector, interrupts, PHY behind the MII, DMA, reset
    /// timing on a virtual clock, switchable errata, fault injection and a strict mode that reports protocol
    /// violations. Thread-safe: the wire side may deliver frames from another thread.
    /// </summary>
    /// <remarks>The class is split by concern over the Enc28j60Chip.*.cs files.</remarks>
    public sealed partial class Enc28j60Chip : ISpiBus
    {
        private const int BufferSize = 8192;
        private const int AddressMask = 0x1FFF;
        private const long OscillatorStartUpNs = 300_000;     // OST, 7500 OSC1 cycles (§1.3)
        private const long SrcSettleNs = 50_000;              // no PHY access for 50 µs after reset (§1.3)
        private const long Erratum2WindowNs = 1_000_000;      // errata #2: wait ≥ 1 ms after SRC
        private const long NsPerWireByte = 800;               // 10BASE-T (§12.1)

        private readonly object _gate = new object();
        private readonly Enc28j60ChipOptions _options;
        private readonly Random _random;
        private readonly byte[] _regs = new byte[Reg.Count];
        private readonly byte[] _writeMasks = Reg.BuildWriteMasks();
        private readonly byte[] _buffer = new byte[BufferSize];
        private readonly List<string> _violations = new List<string>();

        private long _nowNs;
        private bool _linkUp = true;
        private bool _intPinAsserted;
        private long _interruptEdges;
        private long _transactionIndex;
        private string _firstViolationThisTransaction;

        /// <summary>Powers up a chip (buffer memory holds random garbage, OST running for 300 µs).</summary>
        public Enc28j60Chip(Enc28j60ChipOptions options)
        {
            if (options == null)
            {
                throw new ArgumentNullException(nameof(options));
            }

            _options = options.Clone();
            _random = new Random(_options.Seed);
            _random.NextBytes(_buffer);
            ResetChip(ResetKind.PowerOn);
        }

        /// <summary>The chip's configuration; changes made through this instance take effect immediately.</summary>
        public Enc28j60ChipOptions Options => _options;

        /// <summary>INT pin (active low) asserted: EIE.INTIE set and an enabled EIR flag set (§11.5).</summary>
        public bool InterruptPinAsserted
        {
            get { lock (_gate) { return ComputeInterruptPin(); } }
        }

        /// <summary>Falling edges the INT pin has produced so far (a flag that arrives while the pin is already low
        /// produces none — the ZEP PR #82529 scenario).</summary>
        public long InterruptFallingEdges
        {
            get { lock (_gate) { return _interruptEdges; } }
        }

        /// <summary>Raised (under the chip's lock) on every falling edge of the INT pin.</summary>
        public event Action InterruptFallingEdge;

        /// <summary>Virtual time in microseconds since power-on.</summary>
        public long NowMicroseconds
        {
            get { lock (_gate) { return _nowNs / 1000; } }
        }

        /// <summary>Virtual time in nanoseconds since power-on.</summary>
        public long NowNanoseconds
        {
            get { lock (_gate) { return _nowNs; } }
        }

        /// <summary>Lets virtual time pass (timed events — TX end, MII BUSY, DMA — complete on the way).</summary>
        public void AdvanceTime(long microseconds)
        {
            if (microseconds < 0)
            {
                throw new ArgumentOutOfRangeException(nameof(microseconds));
            }

            lock (_gate)
            {
                AdvanceClock(microseconds * 1000);
                UpdateInterruptPin();
            }
        }

        /// <summary>Lets virtual time pass until <paramref name="microseconds"/> (no-op if already later): lets a
        /// real-time host such as the virtual board keep the chip's clock in step with its own.</summary>
        public void AdvanceTimeTo(long microseconds)
        {
            lock (_gate)
            {
                long delta = microseconds * 1000 - _nowNs;
                if (delta > 0)
                {
                    AdvanceClock(delta);
                    UpdateInterruptPin();
                }
            }
        }

        /// <summary>Frames the chip transmits go here (null: they vanish).</summary>
        public IEthernetWire Wire { get; set; }

        /// <summary>PHY link state (TAP carrier). A change sets PHIR.PLNKIF and, when enabled, EIR.LINKIF (§3, §11.5).</summary>
        public bool LinkUp
        {
            get { lock (_gate) { return _linkUp; } }
            set
            {
                lock (_gate)
                {
                    SetLink(value);
                    UpdateInterruptPin();
                }
            }
        }

        /// <summary>Link down then up again at once: LLSTAT latches low, PHIR.PLNKIF is set.</summary>
        public void FlapLink()
        {
            lock (_gate)
            {
                SetLink(false);
                SetLink(true);
                UpdateInterruptPin();
            }
        }

        /// <summary>Protocol violations seen so far (strict or not).</summary>
        public int ViolationCount
        {
            get { lock (_gate) { return _violations.Count; } }
        }

        /// <summary>Description of the most recent violation, or null.</summary>
        public string LastViolation
        {
            get { lock (_gate) { return _violations.Count == 0 ? null : _violations[_violations.Count - 1]; } }
        }

        /// <summary>Every violation description in order.</summary>
        public IReadOnlyList<string> Violations
        {
            get { lock (_gate) { return _violations.ToArray(); } }
        }

        /// <summary>Chip-select windows seen.</summary>
        public long SpiTransactions { get; private set; }

        /// <summary>Bytes clocked over SPI.</summary>
        public long SpiBytes { get; private set; }

        /// <summary>SRC commands executed plus RESET pin pulses (power-on is not counted).</summary>
        public int ResetCount { get; private set; }

        /// <summary>Raised (under the chip's lock) for every control register access made over SPI.</summary>
        public event Action<Enc28j60RegisterAccess> RegisterAccessed;

        /// <summary>Value an RCR would return for (bank, address), without side effects (0x1B–0x1F: any bank).</summary>
        public byte PeekControlRegister(int bank, int address)
        {
            if (bank < 0 || bank > 3 || address < 0 || address > 0x1F)
            {
                throw new ArgumentOutOfRangeException(nameof(address));
            }

            lock (_gate)
            {
                return ReadRegisterValue(Reg.Key(bank, address));
            }
        }

        /// <summary>Current value of a PHY register (for PHIR/PHSTAT1 without the clear-on-read side effects).</summary>
        public ushort PeekPhyRegister(int address)
        {
            lock (_gate)
            {
                return PhyValue(address & 0x1F);
            }
        }

        /// <summary>One byte of the 8 KB buffer memory.</summary>
        public byte PeekBuffer(int address)
        {
            lock (_gate)
            {
                return _buffer[address & AddressMask];
            }
        }

        /// <summary>Writes buffer memory directly (test set-up only; bypasses every check).</summary>
        public void PokeBuffer(int address, byte value)
        {
            lock (_gate)
            {
                _buffer[address & AddressMask] = value;
            }
        }

        private void AdvanceClock(long deltaNs)
        {
            long target = _nowNs + deltaNs;
            while (true)
            {
                long next = NextDeadline();
                if (next > target)
                {
                    break;
                }

                if (next > _nowNs)
                {
                    _nowNs = next;
                }

                RunDueEvents();
            }

            _nowNs = target;
        }

        private long NextDeadline()
        {
            long next = long.MaxValue;
            next = Math.Min(next, TransmitDeadline());
            next = Math.Min(next, MiiDeadline());
            next = Math.Min(next, DmaDeadline());
            next = Math.Min(next, ReceiveDeadline());
            return next;
        }

        private void RunDueEvents()
        {
            RunTransmitEvents();
            RunMiiEvents();
            RunDmaEvents();
            RunReceiveEvents();
        }

        private bool Chance(double probability)
        {
            return probability > 0 && _random.NextDouble() < probability;
        }

    }
}
