using System.Linq;

namespace NanoTcp.Stack.Tests.Infrastructure
{
    /// <summary>A scripted peer with one passive connection in ESTABLISHED: DUT ISS 1000, peer ISS 5000, port 80 ← 40000.</summary>
    public sealed class Established
    {
        public const uint DutIss = 1000, PeerIss = 5000;
        public const int DutPort = 80, PeerPort = 40000;
        public readonly ScriptedPeer P;
        public readonly int Handle;
        public uint PeerSeq = PeerIss + 1;   // next sequence number the peer sends
        public uint DutSeq = DutIss + 1;     // next sequence number expected from the DUT

        public Established(System.Action<StackConfig> configure = null, int peerWindow = 8192)
        {
            P = new ScriptedPeer(c => { c.IsnSource = new FixedIsn(DutIss); configure?.Invoke(c); });
            int l = P.Stack.Listen(DutPort, 1);
            P.Segment(PeerPort, DutPort, PeerIss, 0, Packets.Syn, peerWindow, options: Packets.MssOption(1000)).Single();
            P.Segment(PeerPort, DutPort, PeerSeq, DutSeq, Packets.Ack, peerWindow);
            Handle = P.Stack.Accept(l);
        }

        /// <summary>A segment from the peer with the current sequence numbers.</summary>
        public System.Collections.Generic.List<Packets.Parsed> Send(byte flags, byte[] data = null, int window = 8192, uint? seq = null, uint? ack = null)
            => P.Segment(PeerPort, DutPort, seq ?? PeerSeq, ack ?? DutSeq, flags, window, data);

        /// <summary>Advances virtual time to the DUT's next deadline (or by <paramref name="maxMs"/>) and polls.</summary>
        public System.Collections.Generic.List<Packets.Parsed> AdvanceToDeadline(long maxMs = long.MaxValue)
        {
            long next = P.Stack.Poll(P.Now);
            var early = P.Sent();
            if (early.Count > 0) return early;
            P.Now = next == long.MaxValue || next - P.Now > maxMs ? P.Now + maxMs : next;
            P.Poll();
            return P.Sent();
        }
    }
}
