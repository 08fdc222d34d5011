using System;
using NanoTcp.Firmware;
using NanoTcp.VirtualBoard.Tap;

namespace NanoTcp.VirtualBoard.Board
{
    /// <summary>--link enc28j60: placeholder until the driver lands.</summary>
    internal sealed class Enc28j60BoardLink : IBoardLink
    {
        public Enc28j60BoardLink(BoardOptions options, TapLink tap, ILink wire)
        {
            throw new NotSupportedException("--link enc28j60 is not available yet");
        }

        public ILink StackLink => null;
        public ILinkStatus Status => null;
        public string Description => "ENC28J60";
        public void Pump(long nowMs) { }
        public long NextDeadline(long nowMs) => long.MaxValue;
    }
}
