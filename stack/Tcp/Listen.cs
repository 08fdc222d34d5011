using NanoTcp.Wire;

namespace NanoTcp.Tcp
{
    // LISTEN (RFC 9293 §3.10.1 passive OPEN, §3.10.7.2): a SYN for a listener creates a child connection in
    // SYN-RECEIVED. The listener table, the backlog limit (a full backlog drops the SYN silently, S16) and Accept
    // are the stack's (NetworkStack.Tcp.cs, Tcp/TcpApi.cs); this is the connection's side.
    internal sealed partial class TcpConnection
    {
        /// <summary>
        /// Passive open from a SYN (RFC 9293 §3.10.7.2 third check). The SYN's sender was learned into the ARP
        /// cache by the stack, so the SYN+ACK goes out without a resolution round trip.
        /// </summary>
        public void OpenPassive(Segment seg, int listener, long backlogOrder, uint iss)
        {
            Open(seg.SourceIp, seg.SourcePort, seg.DestinationPort, iss);
            Listener = listener;
            Since = backlogOrder;
            Irs = seg.Seq;
            RcvNxt = seg.Seq + 1;
            RcvAdvertisedEdge = RcvNxt + (uint)MaxWindow();
            AcceptWindow(seg);
            ApplyPeerMss(seg.Mss);
            KeepAliveRestart();
            // Data on a SYN is not queued (rare; the peer retransmits it after the handshake).
            SetState(TcpState.SynReceived);
        }

        /// <summary>Accept took the connection out of its listener's backlog: the application owns it now.</summary>
        public void Accepted()
        {
            Listener = -1;
            UserOwned = true;
        }

        /// <summary>A repeated SYN in SYN-RECEIVED (S5): our SYN+ACK was lost; send it again.</summary>
        private bool SynRepeated(Segment seg)
        {
            if (State != TcpState.SynReceived || !seg.Has(TcpFlags.Syn) || seg.Has(TcpFlags.Ack) || seg.Seq != Irs) return false;
            SndNxt = Iss;
            return true;
        }
    }
}
