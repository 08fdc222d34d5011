using NanoTcp.Tcp;
using NanoTcp.Wire;

namespace NanoTcp
{
    // RFC 9293 §3.10.7.4, seventh step (segment text) and eighth step (FIN): trim to the window, deliver in
    // order, keep out-of-order data in the receive ring (bounded by the reassembly table), ACK per RFC 5681 §4.2.
    public sealed partial class NetworkStack
    {
        private void ProcessText(Tcb t, Segment seg)
        {
            uint seq = seg.Seq;
            int offset = seg.DataOffset;
            int length = seg.DataLength;
            if (seg.Has(TcpFlags.Syn)) seq++;
            uint finSeq = seq + (uint)length;
            bool fin = seg.Has(TcpFlags.Fin);

            // Data after the application closed cannot be delivered: reset (RFC 1122 4.2.2.13, RFC 9293 §3.6.1; S43).
            if (t.UserClosed && length > 0 && SequenceNumber.Gt(finSeq, t.RcvNxt))
            {
                SendReset(t.NextHopMac, 0, t.RemoteIp, t.LocalPort, t.RemotePort, t.SndMax, 0, false);
                EnterClosed(t, TcpError.Aborted);
                return;
            }
            // Trim what we already have.
            int skip = SequenceNumber.Diff(t.RcvNxt, seq);
            if (skip > 0)
            {
                if (skip > length) skip = length;
                offset += skip;
                length -= skip;
                seq += (uint)skip;
                if (skip > 0) _counters.TcpDuplicateData++;
            }
            // Trim to the right window edge; a FIN beyond the edge is not accepted either.
            int room = SequenceNumber.Diff(t.RcvAdvertisedEdge, seq);
            if (room < 0) room = 0;
            if (length > room)
            {
                length = room;
                fin = false;
            }
            bool ackAtOnce = false;
            if (length > 0) ackAtOnce = StoreText(t, seq, seg.Buffer, offset, length);
            else if (seg.DataLength > 0) t.AckNow = true; // duplicate: ACK so the peer learns RCV.NXT

            if (fin)
            {
                if (finSeq == t.RcvNxt) ConsumeFin(t);
                else if (SequenceNumber.Gt(finSeq, t.RcvNxt))
                {
                    // FIN beyond a hole: remembered until the hole fills (RFC 9293 §3.10.7.4 eighth step).
                    t.PendingFin = true;
                    t.PendingFinSeq = finSeq;
                    t.AckNow = true;
                }
            }
            if (t.PendingFin && t.PendingFinSeq == t.RcvNxt && !t.FinReceived) ConsumeFin(t);
            // One ACK covers the text and the FIN; it goes out now rather than at the end of the Poll so that a
            // burst of segments read in one Poll still yields the ACKs the sender counts (RFC 5681 §4.2).
            if (ackAtOnce && t.State != TcpState.Closed) SendAck(t);
        }

        /// <summary>Stores text at its place in the receive ring; returns true when an ACK is due at once.</summary>
        private bool StoreText(Tcb t, uint seq, byte[] buffer, int offset, int length)
        {
            ByteRing ring = t.ReceiveBuffer;
            int at = SequenceNumber.Diff(seq, t.RcvNxt);
            if (at > 0)
            {
                // Out of order: keep it if the table has room, and send a duplicate ACK at once (RFC 5681 §4.2),
                // one per segment even when several arrive in one Poll: the sender counts them for fast retransmit.
                if (t.Reassembly.Add(seq, seq + (uint)length))
                {
                    ring.WriteAt(ring.Count + at, buffer, offset, length);
                    _counters.TcpOutOfOrderKept++;
                }
                else Drop(DropReason.TcpOutOfOrderOverflow, buffer, 0, 0);
                return true;
            }
            ring.WriteAt(ring.Count, buffer, offset, length);
            ring.Commit(length);
            t.RcvNxt += (uint)length;
            bool filledGap = false;
            uint end;
            while (t.Reassembly.TakeContiguous(t.RcvNxt, out end))
            {
                ring.Commit(SequenceNumber.Diff(end, t.RcvNxt));
                t.RcvNxt = end;
                filledGap = true;
            }
            // RFC 5681 §4.2: ACK at once when a gap is filled; otherwise every second segment or on the delayed-ACK timer.
            // A burst read in one Poll still yields an ACK per two segments, so the sender's ACK clock keeps ticking.
            t.UnackedSegments++;
            if (filledGap || t.UnackedSegments >= 2) return true;
            if (!_cfg.DelayedAck) t.AckNow = true;
            else if (t.DelayedAckDeadline == Tcb.Off) t.DelayedAckDeadline = _now + _cfg.DelayedAckMs;
            return false;
        }

        /// <summary>Eighth step: the FIN is in order. Advance RCV.NXT over it, ACK it, change state.</summary>
        private void ConsumeFin(Tcb t)
        {
            t.RcvNxt++;
            t.FinReceived = true;
            t.PendingFin = false;
            t.AckNow = true;
            switch (t.State)
            {
                case TcpState.SynReceived:
                case TcpState.Established:
                    SetState(t, TcpState.CloseWait);
                    break;
                case TcpState.FinWait1:
                    if (t.FinAcked) EnterTimeWait(t);
                    else SetState(t, TcpState.Closing);            // S34
                    break;
                case TcpState.FinWait2:
                    EnterTimeWait(t);
                    break;
            }
        }
    }
}
