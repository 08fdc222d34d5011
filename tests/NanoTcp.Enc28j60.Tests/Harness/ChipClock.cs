using NanoTcp.Enc28j60.Emulation;

namespace NanoTcp.Enc28j60.Tests.Harness
{
    /// <summary>The driver's clock on the emulator's virtual time: a delay just advances it.</summary>
    internal sealed class ChipClock : IMicrosecondClock
    {
        private readonly Enc28j60Chip _chip;

        public ChipClock(Enc28j60Chip chip)
        {
            _chip = chip;
        }

        /// <summary>Sum of every delay the driver asked for.</summary>
        public long TotalDelayMicroseconds { get; private set; }

        /// <summary>Longest single delay the driver asked for.</summary>
        public long LongestDelayMicroseconds { get; private set; }

        public long NowMicroseconds => _chip.NowMicroseconds;

        public void Delay(int microseconds)
        {
            TotalDelayMicroseconds += microseconds;
            if (microseconds > LongestDelayMicroseconds)
            {
                LongestDelayMicroseconds = microseconds;
            }

            _chip.AdvanceTime(microseconds);
        }
    }
}
