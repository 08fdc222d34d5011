using NanoTcp.Wire;

namespace NanoTcp.Tcp
{
    // Segment output (RFC 9293 §3.10.2 SEND processing, §3.8.6 window management): SYN and SYN+ACK, data within
    // min(SND.WND, cwnd) in MSS-sized segments with Nagle (RFC 1122 4.2.3.4) and sender SWS avoidance, the FIN
    // after the data, and pure ACKs when one is owed.
    internal sealed partial class TcpConnection
    {
        /// <summary>
        /// dispatch: sends what this connection owes (SYN, data, FIN, ACK). Called once per Poll after the timers.
        /// A segment the interface cannot send yet (next hop being resolved) is not built into the sequence space:
        /// it waits in the connection and the Poll after the ARP reply sends it.
        /// </summary>
        public void Dispatch()
        {
            int f = _flags;
            TcpState state = State;
            if ((f & FlagInUse) == 0 || state == TcpState.Closed) return;
            switch (state)
            {
                case TcpState.SynSent:
                    if (SndNxt == (uint)_v[VIss]) SendSyn(TcpFlags.Syn); // Iss, in place: every Poll of the handshake
                    return;
                case TcpState.SynReceived:
                    if (SndNxt == (uint)_v[VIss]) SendSyn(TcpFlags.Syn | TcpFlags.Ack);
                    else if (AckNow) SendAck();
                    return;
                case TcpState.TimeWait:
                    if (AckNow) SendAck();
                    return;
            }
            // Idle fast path (what SendData and the tests below would conclude): nothing owed, nothing queued.
            if ((f & (FlagProbeOwed | FlagAckNow | FlagFinQueued)) == 0 && _v[VSendRing + ByteRing.Count] == 0) return;
            if ((f & FlagProbeOwed) != 0) SendOwedProbe();
            bool sent = SendData();
            if (!sent && (_flags & FlagAckNow) != 0) SendAck();
        }

        /// <summary>
        /// This connection's share of a Poll, in one call from the stack's pass: the due timers (<see cref="RunTimers"/>),
        /// then the output (<see cref="Dispatch"/>) when the link is up. Returns <see cref="PollAt"/>, or long.MinValue
        /// when an ACK or keepalive probe is still owed (next hop being resolved, or the link refused it): the next
        /// Poll must try again.
        /// </summary>
        public long Service(bool linkUp)
        {
            // Is any timer due? The earliest deadline answers it, here rather than in a call per Poll.
            long now = _ctx.Now;
            if ((_flags & TimerFlags) != 0 && _v[VNextDeadline] - (int)now <= 0) RunTimers(now);
            if (linkUp) Dispatch();
            // Text received and not yet acknowledged, with no ACK owed at once: the delayed-ACK timer.
            if ((_v[VCounters] & UnackedSegmentsMask) != 0) ArmDelayedAck(now);
            if (!linkUp) return PollAt();
            if ((_flags & (FlagAckNow | FlagProbeOwed)) != 0) return long.MinValue;
            return PollAt();
        }

        /// <summary>
        /// RFC 1122 4.2.3.2 / RFC 5681 §4.2: an ACK for received text may wait, at most DelayedAckMs after the first
        /// segment it covers. StoreText counted that segment in this Poll's input (time stands still within a Poll,
        /// so the deadline is the one arming there would give); a timer already running keeps its deadline.
        /// </summary>
        private void ArmDelayedAck(long now)
        {
            int f = _flags;
            if ((f & (FlagInUse | FlagAckNow | (FlagTimer0 << TcpTimers.DelayedAck))) != FlagInUse || State == TcpState.Closed) return;
            ArmTimer(TcpTimers.DelayedAck, now + _ctx.Config.DelayedAckMs);
        }

        private void SendSyn(int flags)
        {
            if (EmitSegment(Iss, 0, flags, true) == NetworkInterface.Waiting) return;
            SndNxt = Iss + 1;
            bool first = SndMax == Iss;
            if (first)
            {
                SndMax = SndNxt;
                StartRttTiming(SndNxt);
            }
            if (first) ArmRetransmission();
            else ArmRetransmissionIfStopped();
        }

        /// <summary>
        /// A pure ACK carries SEQ = SND.MAX, not SND.NXT: after a timeout rewound SND.NXT, an ACK numbered below
        /// what the peer already received would be "unacceptable" there and draw an ACK back (an ACK war). BSD's
        /// tcp_output does the same.
        /// </summary>
        private void SendAck()
        {
            EmitSegment((uint)_v[VSndMax], 0, TcpFlags.Ack, false); // SndMax
        }

        /// <summary>Sends as many segments as the windows, Nagle and SWS avoidance allow; true if any was sent.</summary>
        private bool SendData()
        {
            // Only SND.NXT changes in the loop (sending); the queue, the MSS and the windows change on input.
            int[] v = _v;
            int queued = v[VSendRing + ByteRing.Count];
            bool finQueued = (_flags & FlagFinQueued) != 0;
            if (queued == 0 && !finQueued) return false; // nothing queued: the common idle case, no scan
            bool any = false;
            bool finAllowed = finQueued && (State == TcpState.FinWait1 || State == TcpState.Closing || State == TcpState.LastAck);
            int mss = v[VSendMss], sndWnd = v[VSndWnd];
            uint bufferSeq = (uint)v[VSendBufferSeq];
            for (int guard = 0; guard < 64; guard++)
            {
                int sentData = SequenceNumber.Diff(SndNxt, bufferSeq);
                if (sentData < 0) sentData = 0;
                int unsent = queued - sentData;
                if (unsent <= 0)
                {
                    // A bare FIN needs room in the window like data (its sequence number would be outside a
                    // zero window); a shut window is the persist timer's job (RFC 9293 §3.8.6.1).
                    uint finSeq = bufferSeq + (uint)queued;
                    if (finAllowed && SndNxt == finSeq && sndWnd == 0) ArmPersist();
                    else if (finAllowed && SndNxt == finSeq)
                    {
                        any = SendSegmentAt(SndNxt, 0, TcpFlags.Fin | TcpFlags.Ack);
                    }
                    break;
                }
                int cwnd = SendingWindow(mss);
                int window = sndWnd < cwnd ? sndWnd : cwnd;
                int usable = window - Flight;
                int length = unsent < mss ? unsent : mss;
                if (length > usable) length = usable;
                if (length <= 0)
                {
                    ArmPersist();
                    break;
                }
                // The tail before our FIN goes out at once (nothing more will come to fill it).
                bool tail = finAllowed && length == unsent;
                if (!tail && !SenderMaySend(length, unsent, usable))
                {
                    ArmSwsOverride();
                    break;
                }
                int flags = TcpFlags.Ack;
                if (length == unsent)
                {
                    flags |= TcpFlags.Psh;
                    if (finAllowed) flags |= TcpFlags.Fin;   // piggyback the FIN on the last data
                }
                if (!SendSegmentAt(SndNxt, length, flags)) break;
                any = true;
                if ((flags & TcpFlags.Fin) != 0) break;
            }
            return any;
        }

        /// <summary>
        /// Sender silly-window-syndrome avoidance with Nagle (RFC 9293 §3.8.6.2.1, MUST-38; RFC 1122 4.2.3.4). Send
        /// (1) a full segment; (2) all queued data if it fits (every Send is treated as pushed); (3) at least half
        /// the largest window the peer ever offered; (4) anything once the override timer fired. Conditions 2 and 3
        /// also need nothing in flight when Nagle is on.
        /// </summary>
        private bool SenderMaySend(int length, int unsent, int usable)
        {
            if (length >= SendMss || SwsOverride) return true;
            if (!NoDelay && Flight > 0) return false;
            return unsent <= usable || length >= MaxSndWnd / 2;
        }

        /// <summary>Arms the RFC 9293 §3.8.6.2.1 override timeout (0.1–1 s) so data held back never waits forever.</summary>
        private void ArmSwsOverride()
        {
            if (Flight == 0) ArmTimerIfStopped(TcpTimers.SwsOverride, _ctx.Now + SwsOverrideMs);
        }

        private const int SwsOverrideMs = 200;

        /// <summary>Sends data/FIN starting at <paramref name="seq"/>, advancing SND.NXT/SND.MAX, timing and arming the RTO.</summary>
        private bool SendSegmentAt(uint seq, int length, int flags)
        {
            if (EmitSegment(seq, length, flags, false) == NetworkInterface.Waiting) return false;
            SwsOverride = false;
            StopTimer(TcpTimers.SwsOverride);
            uint end = seq + (uint)length + ((flags & TcpFlags.Fin) != 0 ? 1u : 0u);
            if (SequenceNumber.Gt(end, SndNxt)) SndNxt = end;
            if (SequenceNumber.Gt(end, SndMax))
            {
                if (seq == SndMax) StartRttTiming(end);
                SndMax = end;
            }
            ArmRetransmissionIfStopped();
            return true;
        }

        private void StartRttTiming(uint end)
        {
            int f = _flags;
            if ((f & FlagRttTiming) != 0) return;
            _flags = f | FlagRttTiming;
            _v[VRttSeq] = (int)end;
            _v[VRttStart] = (int)_ctx.Now;
        }

        /// <summary>The largest window the receive buffer allows (no window scaling: at most 65535).</summary>
        private int MaxWindow()
        {
            int free = _buffer.Length - _ctx.TcpSendBufferSize - _v[VReceiveRing + ByteRing.Count];
            return free > 65535 ? 65535 : free;
        }

        /// <summary>The window to advertise in the next segment (<see cref="WindowToOffer"/> from the one last advertised).</summary>
        private int ReceiveWindow()
        {
            int current = (int)((uint)_v[VRcvAdvertisedEdge] - RcvNxt); // SequenceNumber.Diff, a call less per segment
            return WindowToOffer(current < 0 ? 0 : current);
        }

        /// <summary>
        /// Receiver SWS avoidance (RFC 1122 4.2.3.3): the right edge only moves when the window can grow from
        /// <paramref name="current"/> by min(buffer/2, MSS) (<see cref="StackContext.TcpWindowStep"/>), to what the
        /// buffer allows; it never moves left (RFC 9293 §3.8.6). Returns <paramref name="current"/> when it cannot grow.
        /// </summary>
        private int WindowToOffer(int current)
        {
            StackContext ctx = _ctx;
            int free = _buffer.Length - ctx.TcpSendBufferSize - _v[VReceiveRing + ByteRing.Count]; // MaxWindow, in place: every ACK comes here
            if (free > 65535) free = 65535;
            return free - current >= ctx.TcpWindowStep ? free : current;
        }

        /// <summary>
        /// Builds one segment in place in the interface's frame (payload copied once from the send ring, header
        /// written in front of it) and hands it to the IPv4 egress path. Returns the <see cref="NetworkInterface.SendIpv4"/>
        /// result; an ACK in a sent segment settles any ACK we owed. A frame the link refused counts as sent: data
        /// and FIN come back through the RTO, an owed ACK stays owed.
        /// </summary>
        private int EmitSegment(uint seq, int length, int flags, bool mssOption)
        {
            StackContext ctx = _ctx;
            NetworkInterface nic = ctx.Interface;
            byte[] tx = nic.Tx;
            const int at = NetworkInterface.IpPayloadOffset;
            int headerLength = mssOption ? TcpHeader.MinLength + TcpHeader.OptionMssLength : TcpHeader.MinLength;
            int[] v = _v;
            if (length > 0) SendPeek((int)(seq - (uint)v[VSendBufferSeq]), tx, at + headerLength, length);
            int window = ReceiveWindow();
            bool ack = (flags & TcpFlags.Ack) != 0;
            int ports = v[VPorts];
            uint remoteIp = (uint)v[VRemoteIp], rcvNxt = RcvNxt;
            TcpHeader.Write(tx, (ports >> 16) & 0xFFFF, ports & 0xFFFF, seq, ack ? rcvNxt : 0, flags, window,
                            mssOption ? ctx.Mss : 0, length, nic.Ip, remoteIp);
            int result = nic.SendIpv4(remoteIp, Ipv4Packet.ProtocolTcp, headerLength + length);
            if (result == NetworkInterface.Waiting)
            {
                // The segment waits for ARP; the retransmission timer runs anyway, so the retry budgets (SYN, data,
                // FIN) also bound a next hop that never answers.
                ArmRetransmissionIfStopped();
                return result;
            }
            v[VRcvAdvertisedEdge] = (int)(rcvNxt + (uint)window);
            if (result != NetworkInterface.Sent) return result;
            StackCounters counters = ctx.Counters;
            counters.TcpSegmentsSent++;
            if ((flags & TcpFlags.Rst) != 0) counters.TcpRstSent++;
            if (ack)
            {
                int f = _flags & ~FlagAckNow;
                _flags = f;
                if ((f & (FlagTimer0 << TcpTimers.DelayedAck)) != 0) StopTimer(TcpTimers.DelayedAck); // the bit first: a call less
                v[VCounters] &= ~UnackedSegmentsMask; // UnackedSegments = 0
            }
            return result;
        }
    }
}
