using NanoTcp.Enc28j60.Emulation;

namespace NanoTcp.Enc28j60.Tests.Harness
{
    /// <summary>RESET pin adapter on the emulator.</summary>
    internal sealed class ChipResetPin : IResetPin
    {
        private readonly Enc28j60Chip _chip;

        public ChipResetPin(Enc28j60Chip chip)
        {
            _chip = chip;
        }

        public int Pulses { get; private set; }

        public void Pulse()
        {
            Pulses++;
            _chip.PulseResetPin();
        }
    }
}
