using NanoTcp.Firmware;
using NanoTcp.VirtualBoard.Tap;

namespace NanoTcp.VirtualBoard.Board
{
    /// <summary>The stack talks to the TAP device (through the pcap tap, if any) directly.</summary>
    internal sealed class DirectTapLink : IBoardLink
    {
        public DirectTapLink(TapLink tap, ILink wire)
        {
            StackLink = wire;
            Status = new TapLinkStatus(tap);
        }

        public ILink StackLink { get; }

        public ILinkStatus Status { get; }

        public string Description => "direct";

        public void Pump(long nowMs)
        {
        }

        public void Flush()
        {
        }
    }
}
