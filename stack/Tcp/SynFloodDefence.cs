using NanoTcp.Tcp;
using NanoTcp.Wire;

namespace NanoTcp
{
    // SYN-flood defence for LISTEN (RFC 4987 §3.6 SYN cookies, §3.2-§3.4 backlog and slot policy). A SYN gets a
    // half-open (SYN-RECEIVED) slot only while its listener's backlog has room and more than the half-open reserve
    // of slots is available; otherwise it is answered with a SYN cookie and nothing is kept. A returning ACK that
    // carries a valid cookie creates the connection (TcpConnection.OpenFromCookie) in any available slot, if the
    // listener's accept queue has room; else it is refused with a RST (a completed handshake is served or refused,
    // never dropped). Half-open entries never displace anything.
    public sealed partial class NetworkStack
    {
        private void InitializeSynCookies()
        {
            _ctx.Cookies = new SynCookie(_keyedHash);
        }

        /// <summary>
        /// True when a SYN for <paramref name="listener"/> may take a half-open slot. Connections the peer has
        /// already closed (FIN received before Accept) do not count against the backlog here: they are finished
        /// from the client's side, and counting them stalled back-to-back connect+close clients.
        /// </summary>
        private bool HalfOpenAllowed(int listener)
        {
            return PendingCount(listener, false) < _listenBacklog[listener] && AvailableSlots() > HalfOpenReserve();
        }

        /// <summary>
        /// Answers a SYN that may not take a slot: a SYN cookie, or a silent drop when cookies are off or no slot
        /// could be had at all (a cookie would only lead to a RST; the client's retransmission may find one).
        /// The SYN+ACK goes back to the SYN frame's source MAC: nothing about the sender is cached.
        /// </summary>
        private void SynUnderPressure(int listener, Segment seg)
        {
            bool backlogFull = PendingCount(listener, false) >= _listenBacklog[listener];
            if (!_ctx.Config.SynCookies || (!backlogFull && AvailableSlots() == 0))
            {
                _ctx.Drop(backlogFull ? DropReason.TcpBacklogFull : DropReason.TcpNoSlot, seg.Buffer, 0, 0);
                return;
            }
            uint cookie = _ctx.Cookies.Encode(_if.Ip, seg.DestinationPort, seg.SourceIp, seg.SourcePort, seg.Seq,
                                              seg.Mss < 0 ? _ctx.Config.DefaultPeerMss : seg.Mss, _ctx.Now);
            int window = _tcbs[0].ReceiveBuffer.Capacity;
            TcpHeader.Write(_if.Tx, NetworkInterface.IpPayloadOffset, seg.DestinationPort, seg.SourcePort, cookie, seg.Seq + 1,
                            TcpFlags.Syn | TcpFlags.Ack, window > 65535 ? 65535 : window, _ctx.Mss, 0, _if.Ip, seg.SourceIp);
            if (_if.SendIpv4(seg.SourceIp, Ipv4Packet.ProtocolTcp, TcpHeader.MinLength + TcpHeader.OptionMssLength) != NetworkInterface.Sent) return;
            _ctx.Counters.TcpSegmentsSent++;
            _ctx.Counters.TcpSynCookiesSent++;
        }

        /// <summary>
        /// A bare ACK (possibly with data or FIN) for a listener: if it carries a cookie of ours, the connection is
        /// created and the segment processed; returns false when it is no cookie (the caller resets).
        /// </summary>
        private bool CookieAckInput(int listener, Segment seg)
        {
            if (seg.Has(TcpFlags.Syn) || !_ctx.Cookies.RecentlySent(_ctx.Now)) return false;
            int mss = _ctx.Cookies.Validate(_if.Ip, seg.DestinationPort, seg.SourceIp, seg.SourcePort, seg.Seq - 1, seg.Ack - 1, _ctx.Now);
            if (mss < 0)
            {
                _ctx.Counters.TcpSynCookiesRejected++;
                return false;
            }
            _ctx.Counters.TcpSynCookiesValidated++;
            bool queueFull = PendingCount(listener, true) >= _listenBacklog[listener];
            TcpConnection t = queueFull ? null : AllocateTcb();
            if (t == null)
            {
                // Refused, not dropped: the client believes it is connected (honest accept policy).
                _ctx.Drop(queueFull ? DropReason.TcpBacklogFull : DropReason.TcpNoSlot, seg.Buffer, 0, 0);
                ClosedPort.SendReset(_ctx, seg.SourceIp, seg.DestinationPort, seg.SourcePort, seg.Ack, 0, false);
                return true;
            }
            _if.LearnNeighbour(seg.SourceIp, seg.Buffer, seg.SourceMacOffset);
            t.OpenFromCookie(seg, listener, ++_backlogSequence, mss);
            return true;
        }

        /// <summary>
        /// Connections waiting in <paramref name="listener"/>'s backlog: SYN-RECEIVED and not yet accepted, without
        /// those the peer has already closed; <paramref name="acceptQueue"/> counts only completed ones, closed or not.
        /// </summary>
        private int PendingCount(int listener, bool acceptQueue)
        {
            int n = 0;
            for (int i = _activeCount - 1; i >= 0; i--)
            {
                TcpConnection t = ActiveAt(i);
                if (t == null || t.Listener != listener) continue;
                if (acceptQueue ? t.State != TcpState.SynReceived : !t.FinReceived) n++;
            }
            return n;
        }

        /// <summary>Slots a new connection could get (see AllocateTcb): free, reclaimable TIME-WAIT, orphans in LAST-ACK/CLOSING.</summary>
        private int AvailableSlots()
        {
            int n = 0;
            for (int i = 0; i < _tcbs.Length; i++)
            {
                TcpConnection t = _tcbs[i];
                if (!t.InUse || (t.State == TcpState.TimeWait && t.Reclaimable)) n++;
                else if (t.UserClosed && (t.State == TcpState.LastAck || t.State == TcpState.Closing)) n++;
            }
            return n;
        }

        /// <summary><see cref="StackConfig.HalfOpenReserve"/>, at most a quarter of the slots (tiny tables keep working).</summary>
        private int HalfOpenReserve()
        {
            int quarter = _tcbs.Length / 4;
            int r = _ctx.Config.HalfOpenReserve < 0 ? 0 : _ctx.Config.HalfOpenReserve;
            return r < quarter ? r : quarter;
        }
    }
}
