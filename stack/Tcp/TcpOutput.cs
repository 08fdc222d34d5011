using NanoTcp.Tcp;
using NanoTcp.Wire;

namespace NanoTcp
{
    // Segment output (RFC 9293 §3.10.2 SEND processing, §3.8.6 window management): SYN and SYN+ACK, data within
    // min(SND.WND, cwnd) in MSS-sized segments with Nagle (RFC 1122 4.2.3.4) and sender SWS avoidance, the FIN
    // after the data, and pure ACKs when one is owed.
    public sealed partial class NetworkStack
    {
        private void RunTcpOutput()
        {
            if (_link == null || !_link.IsUp) return;
            for (int i = 0; i < _tcbs.Length; i++)
            {
                Tcb t = _tcbs[i];
                if (t.InUse && t.State != TcpState.Closed) Output(t);
            }
        }

        private void Output(Tcb t)
        {
            // A fresh ARP entry always wins (the neighbour's MAC may have changed: RFC 1122 2.3.2.1).
            if (_arp.TryGet(t.NextHopIp, _now, t.NextHopMac, 0)) t.NextHopKnown = true;
            if (!t.NextHopKnown)
            {
                if (!ResolveNextHop(t.NextHopIp, t.NextHopMac, 0))
                {
                    // The SYN waits in the connection (ARP policy); its timer runs anyway, so the SYN retry budget
                    // also bounds a next hop that never answers.
                    if (t.RtoDeadline == Tcb.Off) t.RtoDeadline = _now + t.Rto.RtoMs;
                    return;
                }
                t.NextHopKnown = true;
            }
            switch (t.State)
            {
                case TcpState.SynSent:
                    if (t.SndNxt == t.Iss) SendSyn(t, TcpFlags.Syn);
                    return;
                case TcpState.SynReceived:
                    if (t.SndNxt == t.Iss) SendSyn(t, TcpFlags.Syn | TcpFlags.Ack);
                    else if (t.AckNow) SendAck(t);
                    return;
                case TcpState.TimeWait:
                    if (t.AckNow) SendAck(t);
                    return;
            }
            bool sent = SendData(t);
            if (!sent && t.AckNow) SendAck(t);
        }

        private void SendSyn(Tcb t, int flags)
        {
            EmitSegment(t, t.Iss, 0, flags, true);
            t.SndNxt = t.Iss + 1;
            bool first = t.SndMax == t.Iss;
            if (first)
            {
                t.SndMax = t.SndNxt;
                StartRttTiming(t, t.SndNxt);
            }
            if (first || t.RtoDeadline == Tcb.Off) t.RtoDeadline = _now + t.Rto.RtoMs;
        }

        /// <summary>
        /// A pure ACK carries SEQ = SND.MAX, not SND.NXT: after a timeout rewound SND.NXT, an ACK numbered below
        /// what the peer already received would be "unacceptable" there and draw an ACK back (an ACK war). BSD's
        /// tcp_output does the same.
        /// </summary>
        private void SendAck(Tcb t)
        {
            EmitSegment(t, t.SndMax, 0, TcpFlags.Ack, false);
        }

        /// <summary>Sends as many segments as the windows, Nagle and SWS avoidance allow; true if any was sent.</summary>
        private bool SendData(Tcb t)
        {
            bool any = false;
            bool finAllowed = t.FinQueued && (t.State == TcpState.FinWait1 || t.State == TcpState.Closing || t.State == TcpState.LastAck);
            for (int guard = 0; guard < 64; guard++)
            {
                int queued = t.SendBuffer.Count;
                int sentData = SequenceNumber.Diff(t.SndNxt, t.SendBufferSeq);
                if (sentData < 0) sentData = 0;
                int unsent = queued - sentData;
                if (unsent <= 0)
                {
                    if (finAllowed && t.SndNxt == t.FinSeq)
                    {
                        SendSegmentAt(t, t.SndNxt, 0, TcpFlags.Fin | TcpFlags.Ack);
                        any = true;
                    }
                    break;
                }
                int cwnd = t.Congestion.SendingWindow(t.SendMss);
                int window = t.SndWnd < cwnd ? t.SndWnd : cwnd;
                int usable = window - t.Flight;
                int length = unsent < t.SendMss ? unsent : t.SendMss;
                if (length > usable) length = usable;
                if (length <= 0)
                {
                    ArmPersist(t);
                    break;
                }
                // The tail before our FIN goes out at once (nothing more will come to fill it).
                bool tail = finAllowed && length == unsent;
                if (!tail && !SenderMaySend(t, length, unsent, usable))
                {
                    ArmSwsOverride(t);
                    break;
                }
                int flags = TcpFlags.Ack;
                if (length == unsent)
                {
                    flags |= TcpFlags.Psh;
                    if (finAllowed) flags |= TcpFlags.Fin;   // piggyback the FIN on the last data
                }
                SendSegmentAt(t, t.SndNxt, length, flags);
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
        private bool SenderMaySend(Tcb t, int length, int unsent, int usable)
        {
            if (length >= t.SendMss || t.SwsOverride) return true;
            if (_cfg.Nagle && t.Flight > 0) return false;
            return unsent <= usable || length >= t.MaxSndWnd / 2;
        }

        /// <summary>Arms the RFC 9293 §3.8.6.2.1 override timeout (0.1–1 s) so data held back never waits forever.</summary>
        private void ArmSwsOverride(Tcb t)
        {
            if (t.SwsDeadline == Tcb.Off && t.Flight == 0) t.SwsDeadline = _now + SwsOverrideMs;
        }

        private const int SwsOverrideMs = 200;

        /// <summary>Sends data/FIN starting at <paramref name="seq"/>, advancing SND.NXT/SND.MAX, timing and arming the RTO.</summary>
        private void SendSegmentAt(Tcb t, uint seq, int length, int flags)
        {
            EmitSegment(t, seq, length, flags, false);
            t.SwsOverride = false;
            t.SwsDeadline = Tcb.Off;
            uint end = seq + (uint)length + ((flags & TcpFlags.Fin) != 0 ? 1u : 0u);
            if (SequenceNumber.Gt(end, t.SndNxt)) t.SndNxt = end;
            if (SequenceNumber.Gt(end, t.SndMax))
            {
                if (seq == t.SndMax) StartRttTiming(t, end);
                t.SndMax = end;
            }
            if (t.RtoDeadline == Tcb.Off) t.RtoDeadline = _now + t.Rto.RtoMs;
        }

        private void StartRttTiming(Tcb t, uint end)
        {
            if (t.RttTiming) return;
            t.RttTiming = true;
            t.RttSeq = end;
            t.RttStartMs = _now;
        }

        /// <summary>The largest window the receive buffer allows (no window scaling: at most 65535).</summary>
        private static int MaxWindow(Tcb t)
        {
            int free = t.ReceiveBuffer.Free;
            return free > 65535 ? 65535 : free;
        }

        /// <summary>
        /// The window to advertise. Receiver SWS avoidance (RFC 1122 4.2.3.3): the right edge only moves when it
        /// can move by min(buffer/2, MSS); it never moves left (RFC 9293 §3.8.6).
        /// </summary>
        private int ReceiveWindow(Tcb t)
        {
            int current = SequenceNumber.Diff(t.RcvAdvertisedEdge, t.RcvNxt);
            if (current < 0) current = 0;
            int free = MaxWindow(t);
            return WindowCanGrow(t, current, free) ? free : current;
        }

        private bool WindowCanGrow(Tcb t, int current, int free)
        {
            int half = t.ReceiveBuffer.Capacity / 2;
            int threshold = half < _mss ? half : _mss;
            return free - current >= threshold;
        }

        /// <summary>Builds and sends one segment; an ACK in it settles any ACK we owed.</summary>
        private void EmitSegment(Tcb t, uint seq, int length, int flags, bool mssOption)
        {
            int headerLength = mssOption ? TcpHeader.MinLength + TcpHeader.OptionMssLength : TcpHeader.MinLength;
            if (length > 0) t.SendBuffer.Peek(SequenceNumber.Diff(seq, t.SendBufferSeq), _tx, IpPayloadOffset + headerLength, length);
            int window = ReceiveWindow(t);
            t.RcvAdvertisedEdge = t.RcvNxt + (uint)window;
            bool ack = (flags & TcpFlags.Ack) != 0;
            TcpHeader.Write(_tx, IpPayloadOffset, t.LocalPort, t.RemotePort, seq, ack ? t.RcvNxt : 0, flags, window,
                            mssOption ? _mss : 0, length, _ip, t.RemoteIp);
            if (!TransmitIpv4(t.NextHopMac, 0, Ipv4Packet.ProtocolTcp, t.RemoteIp, headerLength + length))
            {
                // Refused by the link: data and FIN come back through the RTO; an owed ACK stays owed.
                Drop(DropReason.LinkTransmitFailed, _tx, 0, IpPayloadOffset + headerLength + length);
                return;
            }
            _counters.TcpSegmentsSent++;
            if ((flags & TcpFlags.Rst) != 0) _counters.TcpRstSent++;
            if (ack)
            {
                t.AckNow = false;
                t.DelayedAckDeadline = Tcb.Off;
                t.UnackedSegments = 0;
            }
        }
    }
}
