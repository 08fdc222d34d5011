using NanoTcp.Enc28j60.Emulation;

namespace NanoTcp.Enc28j60.Bench
{
    /// <summary>The driver's clock on the emulator's virtual time; the emulator work a delay triggers is metered.</summary>
    internal sealed class VirtualClock : IMicrosecondClock
    {
        private readonly Enc28j60Chip _chip;
        private readonly MeteredBus _meter;

        public VirtualClock(Enc28j60Chip chip, MeteredBus meter)
        {
            _chip = chip;
            _meter = meter;
        }

        public long NowMicroseconds => _chip.NowMicroseconds;

        public void Delay(int microseconds) => _meter.AdvanceTime(microseconds);
    }
}
