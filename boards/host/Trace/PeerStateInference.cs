namespace NanoTcp.VirtualBoard.Trace
{
    /// <summary>
    /// Infers the peer's RFC 9293 state from the segments crossing the link, the way a textbook ladder diagram
    /// labels the far side. On a TAP device every frame we send arrives, so the peer's state changes the moment
    /// it sends a segment or we send one to it. It is an inference: the peer's own view (Linux: <c>ss -tan</c>)
    /// is the truth.
    /// </summary>
    public struct PeerStateInference
    {
        /// <summary>The inferred state of the peer.</summary>
        public TcpState State;
        private bool _peerFinSent;
        private uint _peerFinEnd;

        /// <summary>Starts a new connection with the peer closed (or listening, for our active open).</summary>
        public void Reset(TcpState initial)
        {
            State = initial;
            _peerFinSent = false;
            _peerFinEnd = 0;
        }

        /// <summary>The peer sent <paramref name="s"/>.</summary>
        public void PeerSent(ref TcpSegmentSummary s)
        {
            if (s.Has(TcpSegmentSummary.Rst)) { State = TcpState.Closed; return; }
            if (s.Has(TcpSegmentSummary.Syn))
            {
                State = s.Has(TcpSegmentSummary.Ack) ? TcpState.SynReceived : TcpState.SynSent;
                return;
            }
            if (!s.Has(TcpSegmentSummary.Fin) || _peerFinSent) return;
            _peerFinSent = true;
            _peerFinEnd = s.Sequence + (uint)s.SequenceLength;
            if (State == TcpState.Established || State == TcpState.SynReceived) State = TcpState.FinWait1;
            else if (State == TcpState.CloseWait) State = TcpState.LastAck;
        }

        /// <summary>We sent <paramref name="s"/> to the peer, which (on a TAP) receives it at once.</summary>
        public void WeSent(ref TcpSegmentSummary s)
        {
            if (s.Has(TcpSegmentSummary.Rst)) { State = TcpState.Closed; return; }
            if (s.Has(TcpSegmentSummary.Syn))
            {
                if (!s.Has(TcpSegmentSummary.Ack)) Reset(TcpState.Listen);
                else if (State == TcpState.SynSent) State = TcpState.Established;
                return;
            }
            if (s.Has(TcpSegmentSummary.Ack)) OnOurAck(s.Acknowledgment);
            if (s.Has(TcpSegmentSummary.Fin)) OnOurFin();
        }

        private void OnOurAck(uint ack)
        {
            if (State == TcpState.SynReceived) { State = TcpState.Established; return; }
            if (!_peerFinSent || (int)(ack - _peerFinEnd) < 0) return;
            if (State == TcpState.FinWait1) State = TcpState.FinWait2;
            else if (State == TcpState.Closing) State = TcpState.TimeWait;
            else if (State == TcpState.LastAck) State = TcpState.Closed;
        }

        private void OnOurFin()
        {
            if (State == TcpState.Established) State = TcpState.CloseWait;
            else if (State == TcpState.FinWait1) State = TcpState.Closing;
            else if (State == TcpState.FinWait2) State = TcpState.TimeWait;
        }
    }
}
