using NanoTcp.Firmware;

namespace NanoTcp.VirtualBoard.Tap
{
    /// <summary>The shell's view (<c>ifconfig</c>, <c>stats</c>) of a <see cref="TapLink"/>: name and counters.</summary>
    public sealed class TapLinkStatus : ILinkStatus
    {
        private static readonly string[] Names = { "tap_rx_frames", "tap_tx_frames", "tap_rx_oversize", "tap_tx_failed" };
        private readonly TapLink _tap;

        /// <summary>Reports on <paramref name="tap"/>.</summary>
        public TapLinkStatus(TapLink tap)
        {
            _tap = tap;
            DriverName = "TAP " + tap.Name;
        }

        /// <inheritdoc />
        public string DriverName { get; }

        /// <inheritdoc />
        public bool FullDuplex => true;

        /// <inheritdoc />
        public int SpeedMbps => 0;

        /// <inheritdoc />
        public int CounterCount => Names.Length;

        /// <inheritdoc />
        public string CounterName(int index) => index >= 0 && index < Names.Length ? Names[index] : "";

        /// <inheritdoc />
        public long CounterValue(int index)
        {
            switch (index)
            {
                case 0: return _tap.FramesReceived;
                case 1: return _tap.FramesSent;
                case 2: return _tap.OversizeDropped;
                case 3: return _tap.TransmitFailures;
                default: return 0;
            }
        }
    }
}
