using NanoTcp.Wire;

namespace NanoTcp.Tcp
{
    // RFC 9293 §3.10.7.4: SEGMENT ARRIVES in SYN-RECEIVED and every synchronized state, step by step
    // (first: sequence number, second: RST, fourth: SYN, fifth: ACK, seventh: text, eighth: FIN),
    // with the RFC 5961 checks for RST, SYN and ACK.
    internal sealed partial class TcpConnection
    {
        private void SynchronizedInput(Segment seg)
        {
            int flags = seg.Flags;
            TcpState state = State;
            if (state == TcpState.SynReceived)
            {
                // S5: a retransmitted SYN in SYN-RECEIVED means our SYN+ACK was lost: send it again (the stack
                // re-learned the sender's MAC from this SYN's frame: the first one may have misled us).
                if (SynRepeated(seg)) return;
                // RFC 9293 §3.5 figure 7, line 6: in a simultaneous open the peer's SYN+ACK repeats the SYN we already
                // took; its ACK completes the handshake (the SYN itself is old: answered with an ACK).
                if ((flags & (TcpFlags.Syn | TcpFlags.Ack | TcpFlags.Rst)) == (TcpFlags.Syn | TcpFlags.Ack) && seg.Seq == Irs)
                {
                    if (AckInput(seg)) AckNow = true;
                    return;
                }
            }
            else if (state == TcpState.TimeWait && TimeWaitFinRepeated(seg)) return;
            // First: is the segment acceptable?
            if (!IsAcceptable(seg))
            {
                _ctx.Drop(DropReason.TcpOutOfWindow, seg.Buffer, 0, 0);
                if (seg.DataLength > 0 && SequenceNumber.Le(seg.Seq + (uint)seg.Length, RcvNxt)) _ctx.Counters.TcpDuplicateData++;
                if ((flags & TcpFlags.Rst) != 0) return;                // S26: silently
                if ((flags & TcpFlags.Syn) != 0) ChallengeAckFor();       // RFC 5961 §4.2, rate-limited
                // RFC 9293 §3.10.7.4: the limiter is for SEG.LEN = 0 only; a retransmitted FIN (SEG.LEN 1) is always ACKed.
                else if (seg.Length > 0 || OutOfWindowAckAllowed()) AckNow = true; // S30, S49
                return;
            }
            KeepAliveRestart();
            // Second: RST.
            if ((flags & TcpFlags.Rst) != 0)
            {
                ResetInput(seg);
                return;
            }
            // Fourth: SYN in the window (RFC 5961 §4.2: challenge ACK, whatever the sequence number, S27).
            if ((flags & TcpFlags.Syn) != 0)
            {
                _ctx.Drop(DropReason.TcpUnacceptable, seg.Buffer, 0, 0);
                ChallengeAckFor();
                return;
            }
            // Fifth: ACK.
            if ((flags & TcpFlags.Ack) == 0)
            {
                _ctx.Drop(DropReason.TcpUnacceptable, seg.Buffer, 0, 0);
                return;
            }
            if (!AckInput(seg)) return;
            // Seventh and eighth: text and FIN.
            TcpState s = State;
            if (s == TcpState.Established || s == TcpState.FinWait1 || s == TcpState.FinWait2) ProcessText(seg);
            else if (seg.DataLength > 0) _ctx.Counters.TcpDuplicateData++; // the peer already sent its FIN: ignore
        }

        /// <summary>
        /// An out-of-window segment with SEG.LEN = 0 is answered at most once per <see cref="OutOfWindowAckIntervalMs"/>
        /// per connection: two ends that disagree about sequence numbers would otherwise ACK each other's ACKs
        /// forever (an "ACK loop"; Linux tcp_invalid_ratelimit, 500 ms). Data segments are always answered.
        /// </summary>
        private bool OutOfWindowAckAllowed()
        {
            // ms, low 32 bits (one answered more than 24 days ago may look recent once: one ACK less).
            int now = (int)_ctx.Now;
            if ((uint)(now - _v[VLastOutOfWindowAck]) < OutOfWindowAckIntervalMs) return false;
            _v[VLastOutOfWindowAck] = now;
            return true;
        }

        private const int OutOfWindowAckIntervalMs = 500;

        /// <summary>The acceptability test of RFC 9293 §3.10.7.4 (four cases of SEG.LEN and RCV.WND).</summary>
        /// <remarks>
        /// In offsets from RCV.NXT (sequence arithmetic, SequenceNumber): RCV.NXT =&lt; x &lt; RCV.NXT + RCV.WND is
        /// 0 =&lt; x − RCV.NXT &lt; RCV.WND, one unsigned comparison per test instead of two calls.
        /// </remarks>
        private bool IsAcceptable(Segment seg)
        {
            uint rcvNxt = RcvNxt;
            int window = (int)((uint)_v[VRcvAdvertisedEdge] - rcvNxt);
            if (window < 0) window = 0;
            uint first = seg.Seq - rcvNxt;
            // Zero window: RFC 9293 says valid ACKs, URGs and RSTs must still be processed; the text is trimmed away.
            if (window == 0) return first == 0;
            if (first < (uint)window) return true;
            int length = seg.Length;
            return length > 0 && first + (uint)length - 1 < (uint)window;
        }

        /// <summary>Second step with RFC 5961 §3.2: only a RST at exactly RCV.NXT resets; others get a challenge ACK.</summary>
        private void ResetInput(Segment seg)
        {
            if (State == TcpState.TimeWait)
            {
                TimeWaitIgnoresReset(seg);
                return;
            }
            if (seg.Seq != RcvNxt)
            {
                _ctx.Drop(DropReason.TcpUnacceptable, seg.Buffer, 0, 0);
                ChallengeAckFor();                                // S25
                return;
            }
            switch (State)
            {
                case TcpState.SynReceived:
                    // Passive open: back to LISTEN (the listener never left it); active: refused (S8).
                    if (Listener >= 0) Free();
                    else EnterClosed(TcpError.ConnectionRefused);
                    return;
                case TcpState.Closing:
                case TcpState.LastAck:
                    EnterClosed(TcpError.None);
                    return;
                default:
                    ReceiveClear();
                    EnterClosed(TcpError.ConnectionReset);      // S24
                    return;
            }
        }

        /// <summary>Fifth step: the ACK field. Returns false when the segment must not be processed further.</summary>
        private bool AckInput(Segment seg)
        {
            uint ack = seg.Ack;
            if (State == TcpState.SynReceived)
            {
                // SND.UNA < SEG.ACK =< SND.NXT completes the handshake; anything else gets RST <SEQ=SEG.ACK> (S7).
                // A cookie we sent for this SYN before the slot existed also completes it (AdoptCookie).
                if ((SequenceNumber.Le(ack, SndUna) || SequenceNumber.Gt(ack, SndMax)) && !AdoptCookie(seg))
                {
                    _ctx.Drop(DropReason.TcpUnacceptable, seg.Buffer, 0, 0);
                    SendReset(ack);
                    return false;
                }
                AcceptWindow(seg);
                HandshakeAcknowledged(Iss + 1);
                EnterEstablished();
            }
            // Every segment comes here: the variables are read from _v once, and compared by the sign of their
            // difference (sequence arithmetic, SequenceNumber) without a call each.
            int[] v = _v;
            uint una = SndUna;
            // RFC 5961 §5.2: SND.UNA − MAX.SND.WND =< SEG.ACK =< SND.NXT (S28).
            if ((int)(ack - (uint)v[VSndMax]) > 0)
            {
                _ctx.Drop(DropReason.TcpUnacceptable, seg.Buffer, 0, 0);
                AckNow = true;
                return false;
            }
            if ((int)(ack - (una - (uint)v[VMaxSndWnd])) < 0)
            {
                _ctx.Drop(DropReason.TcpUnacceptable, seg.Buffer, 0, 0);
                ChallengeAckFor();
                return false;
            }
            // An answered probe restarts the persist budget (RFC 1122 4.2.2.17), except for a connection the
            // application has closed: a peer that keeps its window shut must not pin an orphan forever (RFC 6429 §3).
            // PersistProbes (the high 16 bits) = 0; tested first, as it is nearly always 0 already.
            if ((uint)v[VSmallCounters] > 0xFFFF && ((_flags & FlagUserClosed) == 0 || seg.Window > 0)) v[VSmallCounters] &= 0xFFFF;
            int advance = (int)(ack - una);
            if (advance > 0) NewAck(ack); // SND.UNA becomes SEG.ACK
            else if (advance == 0 && IsDuplicateAck(seg)) DuplicateAck();
            // Window update (RFC 9293 §3.10.7.4): only when SND.UNA =< SEG.ACK (an older ACK is a duplicate that
            // may be ignored) and from a segment newer than the last one used.
            uint wl1 = (uint)v[VSndWl1];
            if (advance >= 0 && ((int)(wl1 - seg.Seq) < 0 || (wl1 == seg.Seq && (int)((uint)v[VSndWl2] - ack) <= 0))) AcceptWindow(seg);
            return (_flags & FlagFinQueued) == 0 || AckStateChanges(); // no FIN of ours: nothing to change
        }

        /// <summary>RFC 5681 §2 "DUPLICATE ACKNOWLEDGMENT": no data, no SYN/FIN, same window, data outstanding.</summary>
        private bool IsDuplicateAck(Segment seg)
        {
            return seg.DataLength == 0 && (seg.Flags & TcpFlags.Fin) == 0 && seg.Window == SndWnd && Flight > 0;
        }

        /// <summary>SND.UNA advances: free acknowledged data, sample the RTT, restart the timer, grow cwnd.</summary>
        /// <remarks>Every ACK of new data: _v and _flags read in place, sequence numbers compared by their difference.</remarks>
        private void NewAck(uint ack)
        {
            int[] v = _v;
            int acked = (int)(ack - SndUna);
            if ((_flags & FlagRttTiming) != 0 && (int)(ack - (uint)v[VRttSeq]) >= 0)
            {
                AddRttSample((int)_ctx.Now - v[VRttStart]);
                _flags &= ~FlagRttTiming;
            }
            int data = (int)(ack - (uint)v[VSendBufferSeq]);
            if (data > 0)
            {
                int queued = v[VSendRing + ByteRing.Count];
                if (data > queued) data = queued;
                SendDiscard(data);
                v[VSendBufferSeq] += data;
            }
            SndUna = ack;
            if ((int)(SndNxt - ack) < 0) SndNxt = ack;
            v[VCounters] &= ~RetriesMask; // Retries = 0
            int mss = v[VSendMss];
            if ((_flags & FlagInRecovery) != 0)
            {
                if (SequenceNumber.Ge(ack, Recover)) ExitRecovery();
                else
                {
                    OnPartialAck(acked, mss);
                    RetransmitFirst();
                }
            }
            else
            {
                CongestionOnAck(acked, mss);
                // Keep NewReno's recovery point just behind SND.UNA so the signed comparison in DuplicateAck stays
                // meaningful however far the stream has advanced (>2^31 bytes without loss), but never move it back:
                // after a timeout it holds SND.MAX, and duplicates up to there must not start a fast retransmit
                // (RFC 6582 §3.2 steps 2 and 6).
                if ((int)(ack - 1 - (uint)v[VRecover]) > 0) v[VRecover] = (int)(ack - 1);
            }
            // RFC 6298 §5.2–5.3: restart the timer on every new ACK (smoltcp #949), stop it when all is acknowledged.
            RetransmissionAfterAck();
        }

        private void DuplicateAck()
        {
            int duplicates = DuplicateAcks + 1;
            DuplicateAcks = duplicates;
            if (InRecovery)
            {
                InflateWindow(SendMss); // RFC 5681 §3.2 step 4: inflate for every further duplicate
                return;
            }
            if (duplicates == DuplicateAckThreshold && SequenceNumber.Gt(SndUna, Recover))
            {
                EnterRecovery(Flight, SendMss, SndMax);
                _ctx.Counters.TcpFastRetransmits++;
                RetransmitFirst();
            }
        }

        /// <summary>State changes caused by the ACK of our FIN (FIN-WAIT-1, CLOSING, LAST-ACK).</summary>
        private bool AckStateChanges()
        {
            if (!FinAcked) return true;
            switch (State)
            {
                case TcpState.FinWait1:
                    SetState(TcpState.FinWait2);
                    if (UserClosed) StartFinWait2Timer();
                    return true;
                case TcpState.Closing:
                    EnterTimeWait();
                    return true;
                case TcpState.LastAck:
                    EnterClosed(TcpError.None);                 // S33
                    return false;
            }
            return true;
        }

    }
}
