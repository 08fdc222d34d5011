namespace NanoTcp
{
    /// <summary>
    /// An <see cref="ILink"/> decorator that loses, duplicates, reorders, corrupts and delays frames, driven by a
    /// seeded generator so every run is reproducible from its seed (smoltcp's FaultInjector plays the same role).
    /// Portable and allocation-free after construction: delayed frames wait in a fixed pool of slots.
    /// Both directions are impaired by default. Time comes from <see cref="NowMs"/>, which the caller sets before
    /// each <see cref="NetworkStack.Poll"/>; <see cref="NextReleaseMs"/> says when a held frame is due.
    /// </summary>
    public sealed class ImpairedLink : ILink
    {
        private const int DirectionTransmit = 0;
        private const int DirectionReceive = 1;

        private readonly ILink _inner;
        private readonly XorShift32 _random;
        private readonly byte[][] _held;
        private readonly int[] _heldLength;
        private readonly long[] _heldRelease;
        private readonly int[] _heldDirection;
        private readonly long[] _heldOrder;
        private readonly bool[] _heldUsed;
        private long _order;
        private int _heldCount;
        private long _now;

        /// <summary>Wraps <paramref name="inner"/>; <paramref name="holdSlots"/> frames of up to <paramref name="maxFrameSize"/> bytes can be held back at once.</summary>
        public ImpairedLink(ILink inner, int seed, int holdSlots, int maxFrameSize)
        {
            _inner = inner;
            _random = new XorShift32(seed);
            if (holdSlots < 1) holdSlots = 1;
            _held = new byte[holdSlots][];
            for (int i = 0; i < holdSlots; i++) _held[i] = new byte[maxFrameSize];
            _heldLength = new int[holdSlots];
            _heldRelease = new long[holdSlots];
            _heldDirection = new int[holdSlots];
            _heldOrder = new long[holdSlots];
            _heldUsed = new bool[holdSlots];
            ImpairTransmit = true;
            ImpairReceive = true;
            ReorderHoldMs = 3;
        }

        /// <summary>Wraps <paramref name="inner"/> with 32 hold slots of 1514 bytes.</summary>
        public ImpairedLink(ILink inner, int seed) : this(inner, seed, 32, 1514)
        {
        }

        /// <summary>Probability (0..1) that a frame is lost.</summary>
        public double LossRate { get; set; }
        /// <summary>Probability (0..1) that a frame is delivered twice.</summary>
        public double DuplicateRate { get; set; }
        /// <summary>Probability (0..1) that a frame is held back <see cref="ReorderHoldMs"/> extra, so later frames overtake it.</summary>
        public double ReorderRate { get; set; }
        /// <summary>
        /// Probability (0..1) that one random bit of an IPv4 frame is flipped after the Ethernet header. This models
        /// what a real wire lets through its FCS: damage the IP/ICMP/TCP checksums must catch. Ethernet headers and
        /// ARP frames are left intact, since the FCS protects them on a real link and ARP has no checksum of its own.
        /// </summary>
        public double CorruptRate { get; set; }
        /// <summary>Fixed one-way delay added to every frame, in ms. Default 0.</summary>
        public int DelayMs { get; set; }
        /// <summary>Random extra delay 0..JitterMs per frame (reorders frames too). Default 0.</summary>
        public int JitterMs { get; set; }
        /// <summary>Extra hold for a reordered frame, in ms. Default 3.</summary>
        public int ReorderHoldMs { get; set; }
        /// <summary>Impair frames the stack transmits. Default true.</summary>
        public bool ImpairTransmit { get; set; }
        /// <summary>Impair frames the stack receives. Default true.</summary>
        public bool ImpairReceive { get; set; }

        /// <summary>Frames lost on purpose.</summary>
        public long Lost { get; private set; }
        /// <summary>Extra copies delivered.</summary>
        public long Duplicated { get; private set; }
        /// <summary>Frames held back for reordering.</summary>
        public long Reordered { get; private set; }
        /// <summary>Frames with a flipped bit.</summary>
        public long Corrupted { get; private set; }
        /// <summary>Frames sent on at once because every hold slot was busy.</summary>
        public long HoldOverflows { get; private set; }

        /// <summary>The current time in ms; setting it releases transmit-side frames that are due.</summary>
        public long NowMs
        {
            get { return _now; }
            set
            {
                _now = value;
                ReleaseTransmitted();
            }
        }

        /// <summary>When the next held frame is due (long.MaxValue when none is held).</summary>
        public long NextReleaseMs
        {
            get
            {
                long next = long.MaxValue;
                if (_heldCount == 0) return next;
                for (int i = 0; i < _held.Length; i++)
                {
                    if (_heldUsed[i] && _heldRelease[i] < next) next = _heldRelease[i];
                }
                return next;
            }
        }

        /// <inheritdoc />
        public bool IsUp { get { return _inner.IsUp; } }

        /// <inheritdoc />
        public bool Transmit(byte[] buffer, int offset, int count)
        {
            ReleaseTransmitted();
            if (!ImpairTransmit) return _inner.Transmit(buffer, offset, count);
            if (_random.Chance(LossRate))
            {
                Lost++;
                return true;
            }
            int copies = 1;
            if (_random.Chance(DuplicateRate))
            {
                copies = 2;
                Duplicated++;
            }
            for (int c = 0; c < copies; c++)
            {
                long hold = HoldTime();
                bool corrupt = _random.Chance(CorruptRate);
                if (hold == 0 && !corrupt)
                {
                    _inner.Transmit(buffer, offset, count);
                    continue;
                }
                int slot = Hold(buffer, offset, count, hold, DirectionTransmit);
                if (slot < 0)
                {
                    _inner.Transmit(buffer, offset, count);
                    continue;
                }
                if (corrupt) Corrupt(_held[slot], 0, count);
            }
            ReleaseTransmitted();
            return true;
        }

        /// <inheritdoc />
        public int Receive(byte[] buffer, int offset, int count)
        {
            int due = Due(DirectionReceive);
            if (due >= 0) return Deliver(due, buffer, offset, count);
            if (!ImpairReceive) return _inner.Receive(buffer, offset, count);
            for (int guard = 0; guard < 64; guard++)
            {
                int n = _inner.Receive(buffer, offset, count);
                if (n <= 0) return 0;
                if (_random.Chance(LossRate))
                {
                    Lost++;
                    continue;
                }
                if (_random.Chance(DuplicateRate) && Hold(buffer, offset, n, HoldTime(), DirectionReceive) >= 0) Duplicated++;
                if (_random.Chance(CorruptRate)) Corrupt(buffer, offset, n);
                long hold = HoldTime();
                if (hold > 0 && Hold(buffer, offset, n, hold, DirectionReceive) >= 0) continue;
                return n;
            }
            return 0;
        }

        private long HoldTime()
        {
            long hold = DelayMs;
            if (JitterMs > 0) hold += _random.Below(JitterMs + 1);
            if (_random.Chance(ReorderRate))
            {
                hold += ReorderHoldMs;
                Reordered++;
            }
            return hold;
        }

        private const int EthernetHeaderLength = 14;

        private void Corrupt(byte[] b, int offset, int count)
        {
            bool ipv4 = count > EthernetHeaderLength && b[offset + 12] == 0x08 && b[offset + 13] == 0x00;
            if (!ipv4) return;
            int at = EthernetHeaderLength + _random.Below(count - EthernetHeaderLength);
            b[offset + at] ^= (byte)(1 << _random.Below(8));
            Corrupted++;
        }

        private int Hold(byte[] b, int offset, int count, long hold, int direction)
        {
            for (int i = 0; i < _held.Length; i++)
            {
                if (_heldUsed[i] || count > _held[i].Length) continue;
                System.Array.Copy(b, offset, _held[i], 0, count);
                _heldLength[i] = count;
                _heldRelease[i] = _now + hold;
                _heldDirection[i] = direction;
                _heldOrder[i] = ++_order;
                _heldUsed[i] = true;
                _heldCount++;
                return i;
            }
            HoldOverflows++;
            return -1;
        }

        /// <summary>The earliest-due held frame of a direction whose time has come (ties in arrival order), or -1.</summary>
        private int Due(int direction)
        {
            int best = -1;
            if (_heldCount == 0) return best;
            for (int i = 0; i < _held.Length; i++)
            {
                if (!_heldUsed[i] || _heldDirection[i] != direction || _heldRelease[i] > _now) continue;
                if (best < 0 || _heldRelease[i] < _heldRelease[best] ||
                    (_heldRelease[i] == _heldRelease[best] && _heldOrder[i] < _heldOrder[best])) best = i;
            }
            return best;
        }

        private int Deliver(int slot, byte[] buffer, int offset, int count)
        {
            _heldUsed[slot] = false;
            _heldCount--;
            int n = _heldLength[slot];
            if (n > count) return 0;
            System.Array.Copy(_held[slot], 0, buffer, offset, n);
            return n;
        }

        private void ReleaseTransmitted()
        {
            for (int guard = 0; guard < _held.Length; guard++)
            {
                int due = Due(DirectionTransmit);
                if (due < 0) return;
                _heldUsed[due] = false;
                _heldCount--;
                _inner.Transmit(_held[due], 0, _heldLength[due]);
            }
        }
    }
}
