using NanoTcp.Enc28j60.Emulation;

namespace NanoTcp.Enc28j60.Tests.Harness
{
    /// <summary>
    /// INT pin adapter that behaves like an edge-triggered GPIO interrupt: it only ever learns about falling edges
    /// (the emulator produces none for a flag that arrives while the pin is already low).
    /// </summary>
    internal sealed class EdgeLatchPin : IInterruptPin
    {
        private bool _latched;

        public EdgeLatchPin(Enc28j60Chip chip)
        {
            chip.InterruptFallingEdge += () =>
            {
                _latched = true;
                Edges++;
            };
        }

        public long Edges { get; private set; }

        /// <summary>An edge is latched and not yet taken: the firmware would be woken.</summary>
        public bool Pending => _latched;

        public long EdgesTaken { get; private set; }

        public bool TakeFallingEdge()
        {
            if (!_latched)
            {
                return false;
            }

            _latched = false;
            EdgesTaken++;
            return true;
        }
    }
}
