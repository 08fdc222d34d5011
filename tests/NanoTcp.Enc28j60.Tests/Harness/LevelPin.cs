using NanoTcp.Enc28j60.Emulation;

namespace NanoTcp.Enc28j60.Tests.Harness
{
    /// <summary>INT pin adapter that reads the level, like the device's <c>GpioInterruptPin</c>.</summary>
    internal sealed class LevelPin : IInterruptPin
    {
        private readonly Enc28j60Chip _chip;

        public LevelPin(Enc28j60Chip chip)
        {
            _chip = chip;
        }

        public bool TakeFallingEdge() => _chip.InterruptPinAsserted;
    }
}
