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
            Since = (int)backlogOrder;
            RcvNxt = seg.Seq + 1;
            RcvAdvertisedEdge = RcvNxt + (uint)MaxWindow();
            AcceptWindow(seg);
            ApplyPeerMss(seg.Mss);
            KeepAliveRestart();
            // Data on a SYN is not queued (rare; the peer retransmits it after the handshake).
            SetState(TcpState.SynReceived);
        }

        /// <summary>
        /// Passive open completed by a SYN cookie (RFC 4987 §3.6): <paramref name="seg"/> is the client's ACK of a
        /// SYN+ACK whose ISN was the cookie (SEG.ACK − 1) and which no slot remembers. The connection is rebuilt
        /// as SYN-RECEIVED with that SYN+ACK sent (window and MSS as the cookie SYN+ACK announced them, the MSS the
        /// cookie carried), and the ACK then goes through SEGMENT ARRIVES like any other: ESTABLISHED, with the
        /// data or FIN it may carry.
        /// </summary>
        public void OpenFromCookie(Segment seg, int listener, long backlogOrder, int peerMss)
        {
            Open(seg.SourceIp, seg.SourcePort, seg.DestinationPort, seg.Ack - 1);
            Listener = listener;
            Since = (int)backlogOrder;
            RcvNxt = seg.Seq;
            RcvAdvertisedEdge = RcvNxt + (uint)MaxWindow();
            ApplyPeerMss(peerMss);
            SndNxt = SndMax = Iss + 1;
            KeepAliveRestart();
            SetState(TcpState.SynReceived);
            Process(seg);
        }

        /// <summary>
        /// A SYN answered first with a cookie and then, retransmitted when the pressure was gone, with a half-open
        /// slot: the client may complete either handshake. An ACK that carries the earlier cookie for this very
        /// SYN (same client ISN) is taken as acknowledging our SYN: the slot adopts the cookie as its ISS instead
        /// of resetting a client that did nothing wrong. Only for passive connections still in SYN-RECEIVED.
        /// </summary>
        private bool AdoptCookie(Segment seg)
        {
            SynCookie cookies = _ctx.Cookies;
            if (Listener < 0 || seg.Has(TcpFlags.Syn) || cookies == null || !cookies.RecentlySent(_ctx.Now)) return false;
            if (cookies.Validate(_ctx.Interface.Ip, LocalPort, RemoteIp, RemotePort, Irs, seg.Ack - 1, _ctx.Now) < 0) return false;
            _ctx.Counters.TcpSynCookiesValidated++;
            Iss = SndUna = seg.Ack - 1;
            SndNxt = SndMax = SendBufferSeq = seg.Ack;
            Recover = Iss;
            RttTiming = false;
            return true;
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
