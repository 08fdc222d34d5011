using NanoTcp.Tcp;
using NanoTcp.Wire;

namespace NanoTcp
{
    // RFC 9293 §3.10.7.4: SEGMENT ARRIVES in SYN-RECEIVED and every synchronized state, step by step
    // (first: sequence number, second: RST, fourth: SYN, fifth: ACK, seventh: text, eighth: FIN),
    // with the RFC 5961 checks for RST, SYN and ACK.
    public sealed partial class NetworkStack
    {
        private void SynchronizedInput(Tcb t, Segment seg)
        {
            // S5: a retransmitted SYN in SYN-RECEIVED means our SYN+ACK was lost: send it again.
            if (t.State == TcpState.SynReceived && seg.Has(TcpFlags.Syn) && !seg.Has(TcpFlags.Ack) && seg.Seq == t.Irs)
            {
                if (t.Listener >= 0) LearnPassivePeer(t, seg); // the first SYN's frame may have misled us
                t.SndNxt = t.Iss;
                return;
            }
            // RFC 9293 §3.5 figure 7, line 6: in a simultaneous open the peer's SYN+ACK repeats the SYN we already
            // took; its ACK completes the handshake (the SYN itself is old: answered with an ACK).
            if (t.State == TcpState.SynReceived && seg.Has(TcpFlags.Syn) && seg.Has(TcpFlags.Ack) && seg.Seq == t.Irs && !seg.Has(TcpFlags.Rst))
            {
                if (AckInput(t, seg)) t.AckNow = true;
                return;
            }
            if (t.State == TcpState.TimeWait && TimeWaitFinRepeated(t, seg)) return;
            // First: is the segment acceptable?
            if (!IsAcceptable(t, seg))
            {
                Drop(DropReason.TcpOutOfWindow, seg.Buffer, 0, 0);
                if (seg.DataLength > 0 && SequenceNumber.Le(seg.Seq + (uint)seg.Length, t.RcvNxt)) _counters.TcpDuplicateData++;
                if (seg.Has(TcpFlags.Rst)) return;                // S26: silently
                if (seg.Has(TcpFlags.Syn)) ChallengeAckFor(t);       // RFC 5961 §4.2, rate-limited
                else if (seg.DataLength > 0 || OutOfWindowAckAllowed(t)) t.AckNow = true; // S30, S49
                return;
            }
            KeepAliveRestart(t);
            // Second: RST.
            if (seg.Has(TcpFlags.Rst))
            {
                ResetInput(t, seg);
                return;
            }
            // Fourth: SYN in the window (RFC 5961 §4.2: challenge ACK, whatever the sequence number, S27).
            if (seg.Has(TcpFlags.Syn))
            {
                Drop(DropReason.TcpUnacceptable, seg.Buffer, 0, 0);
                ChallengeAckFor(t);
                return;
            }
            // Fifth: ACK.
            if (!seg.Has(TcpFlags.Ack))
            {
                Drop(DropReason.TcpUnacceptable, seg.Buffer, 0, 0);
                return;
            }
            if (!AckInput(t, seg)) return;
            // Seventh and eighth: text and FIN.
            TcpState s = t.State;
            if (s == TcpState.Established || s == TcpState.FinWait1 || s == TcpState.FinWait2) ProcessText(t, seg);
            else if (seg.DataLength > 0) _counters.TcpDuplicateData++; // the peer already sent its FIN: ignore
        }

        /// <summary>
        /// An out-of-window segment without data is answered at most once per <see cref="OutOfWindowAckIntervalMs"/>
        /// per connection: two ends that disagree about sequence numbers would otherwise ACK each other's ACKs
        /// forever (an "ACK loop"; Linux tcp_invalid_ratelimit, 500 ms). Data segments are always answered.
        /// </summary>
        private bool OutOfWindowAckAllowed(Tcb t)
        {
            if (t.LastOutOfWindowAckMs != Tcb.Off && _now - t.LastOutOfWindowAckMs < OutOfWindowAckIntervalMs && _now >= t.LastOutOfWindowAckMs) return false;
            t.LastOutOfWindowAckMs = _now;
            return true;
        }

        private const int OutOfWindowAckIntervalMs = 500;

        /// <summary>The acceptability test of RFC 9293 §3.10.7.4 (four cases of SEG.LEN and RCV.WND).</summary>
        private static bool IsAcceptable(Tcb t, Segment seg)
        {
            int window = SequenceNumber.Diff(t.RcvAdvertisedEdge, t.RcvNxt);
            if (window < 0) window = 0;
            int length = seg.Length;
            uint high = t.RcvNxt + (uint)window;
            if (length == 0)
            {
                return window == 0 ? seg.Seq == t.RcvNxt : SequenceNumber.InWindow(seg.Seq, t.RcvNxt, high);
            }
            // Zero window: RFC 9293 says valid ACKs, URGs and RSTs must still be processed; the text is trimmed away.
            if (window == 0) return seg.Seq == t.RcvNxt;
            return SequenceNumber.InWindow(seg.Seq, t.RcvNxt, high) ||
                   SequenceNumber.InWindow(seg.Seq + (uint)length - 1, t.RcvNxt, high);
        }

        /// <summary>Second step with RFC 5961 §3.2: only a RST at exactly RCV.NXT resets; others get a challenge ACK.</summary>
        private void ResetInput(Tcb t, Segment seg)
        {
            if (t.State == TcpState.TimeWait)
            {
                TimeWaitIgnoresReset(seg);
                return;
            }
            if (seg.Seq != t.RcvNxt)
            {
                Drop(DropReason.TcpUnacceptable, seg.Buffer, 0, 0);
                ChallengeAckFor(t);                                // S25
                return;
            }
            switch (t.State)
            {
                case TcpState.SynReceived:
                    // Passive open: back to LISTEN (the listener never left it); active: refused (S8).
                    if (t.Listener >= 0) FreeTcb(t);
                    else EnterClosed(t, TcpError.ConnectionRefused);
                    return;
                case TcpState.Closing:
                case TcpState.LastAck:
                    EnterClosed(t, TcpError.None);
                    return;
                default:
                    t.ReceiveBuffer.Clear();
                    EnterClosed(t, TcpError.ConnectionReset);      // S24
                    return;
            }
        }

        /// <summary>Queues a challenge ACK if the RFC 5961 §7 budget allows (S29).</summary>
        private void ChallengeAckFor(Tcb t)
        {
            if (t.ChallengeBudget.TryConsume(_now))
            {
                _counters.TcpChallengeAcks++;
                t.AckNow = true;
            }
            else _counters.TcpChallengeAcksSuppressed++;
        }

        /// <summary>Fifth step: the ACK field. Returns false when the segment must not be processed further.</summary>
        private bool AckInput(Tcb t, Segment seg)
        {
            uint ack = seg.Ack;
            if (t.State == TcpState.SynReceived)
            {
                // SND.UNA < SEG.ACK =< SND.NXT completes the handshake; anything else gets RST <SEQ=SEG.ACK> (S7).
                if (SequenceNumber.Le(ack, t.SndUna) || SequenceNumber.Gt(ack, t.SndMax))
                {
                    Drop(DropReason.TcpUnacceptable, seg.Buffer, 0, 0);
                    SendReset(t.NextHopMac, 0, t.RemoteIp, t.LocalPort, t.RemotePort, ack, 0, false);
                    return false;
                }
                AcceptWindow(t, seg);
                HandshakeAcknowledged(t, t.Iss + 1);
                EnterEstablished(t);
            }
            // RFC 5961 §5.2: SND.UNA − MAX.SND.WND =< SEG.ACK =< SND.NXT (S28).
            if (SequenceNumber.Gt(ack, t.SndMax))
            {
                Drop(DropReason.TcpUnacceptable, seg.Buffer, 0, 0);
                t.AckNow = true;
                return false;
            }
            if (SequenceNumber.Lt(ack, t.SndUna - (uint)t.MaxSndWnd))
            {
                Drop(DropReason.TcpUnacceptable, seg.Buffer, 0, 0);
                ChallengeAckFor(t);
                return false;
            }
            // An answered probe restarts the persist budget (RFC 1122 4.2.2.17), except for a connection the
            // application has closed: a peer that keeps its window shut must not pin an orphan forever (RFC 6429 §3).
            if (!t.UserClosed || seg.Window > 0) t.PersistProbes = 0;
            if (SequenceNumber.Gt(ack, t.SndUna)) NewAck(t, ack);
            else if (ack == t.SndUna && IsDuplicateAck(t, seg)) DuplicateAck(t);
            // Window update (RFC 9293 §3.10.7.4): only from a segment newer than the last one used.
            if (SequenceNumber.Lt(t.SndWl1, seg.Seq) || (t.SndWl1 == seg.Seq && SequenceNumber.Le(t.SndWl2, ack))) AcceptWindow(t, seg);
            return AckStateChanges(t);
        }

        /// <summary>RFC 5681 §2 "DUPLICATE ACKNOWLEDGMENT": no data, no SYN/FIN, same window, data outstanding.</summary>
        private static bool IsDuplicateAck(Tcb t, Segment seg)
        {
            return seg.DataLength == 0 && !seg.Has(TcpFlags.Fin) && seg.Window == t.SndWnd && t.Flight > 0;
        }

        /// <summary>SND.UNA advances: free acknowledged data, sample the RTT, restart the timer, grow cwnd.</summary>
        private void NewAck(Tcb t, uint ack)
        {
            int acked = SequenceNumber.Diff(ack, t.SndUna);
            if (t.RttTiming && SequenceNumber.Ge(ack, t.RttSeq))
            {
                t.Rto.AddSample((int)(_now - t.RttStartMs));
                t.RttTiming = false;
            }
            int data = SequenceNumber.Diff(ack, t.SendBufferSeq);
            if (data > 0)
            {
                if (data > t.SendBuffer.Count) data = t.SendBuffer.Count;
                t.SendBuffer.Discard(data);
                t.SendBufferSeq += (uint)data;
            }
            t.SndUna = ack;
            if (SequenceNumber.Lt(t.SndNxt, ack)) t.SndNxt = ack;
            t.Retries = 0;
            CongestionControl cc = t.Congestion;
            if (cc.InRecovery)
            {
                if (SequenceNumber.Ge(ack, cc.Recover)) cc.ExitRecovery();
                else
                {
                    cc.OnPartialAck(acked, t.SendMss);
                    RetransmitFirst(t);
                }
            }
            else
            {
                cc.OnAck(acked, t.SendMss);
                // Keep NewReno's recovery point just behind SND.UNA so the signed comparison in DuplicateAck stays
                // meaningful however far the stream has advanced (RFC 6582 §3.2; >2^31 bytes without loss).
                cc.Recover = ack - 1;
            }
            // RFC 6298 §5.2–5.3: restart the timer on every new ACK (smoltcp #949), stop it when all is acknowledged.
            t.RtoDeadline = t.Flight > 0 ? _now + t.Rto.RtoMs : Tcb.Off;
        }

        private void DuplicateAck(Tcb t)
        {
            CongestionControl cc = t.Congestion;
            cc.DuplicateAcks++;
            if (cc.InRecovery)
            {
                cc.Cwnd += t.SendMss; // RFC 5681 §3.2 step 4: inflate for every further duplicate
                return;
            }
            if (cc.DuplicateAcks == CongestionControl.DuplicateAckThreshold && SequenceNumber.Gt(t.SndUna, cc.Recover))
            {
                cc.EnterRecovery(t.Flight, t.SendMss, t.SndMax);
                _counters.TcpFastRetransmits++;
                RetransmitFirst(t);
            }
        }

        /// <summary>State changes caused by the ACK of our FIN (FIN-WAIT-1, CLOSING, LAST-ACK).</summary>
        private bool AckStateChanges(Tcb t)
        {
            if (!t.FinAcked) return true;
            switch (t.State)
            {
                case TcpState.FinWait1:
                    SetState(t, TcpState.FinWait2);
                    if (t.UserClosed) StartFinWait2Timer(t);
                    return true;
                case TcpState.Closing:
                    EnterTimeWait(t);
                    return true;
                case TcpState.LastAck:
                    EnterClosed(t, TcpError.None);                 // S33
                    return false;
            }
            return true;
        }

    }
}
