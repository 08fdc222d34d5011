namespace NanoTcp.Tcp
{
    /// <summary>
    /// One TCP connection (RFC 9293 §3.3.1 transmission control block) and its behaviour, in the spirit of
    /// smoltcp's <c>socket::tcp::Socket</c>: <see cref="Process"/> (SEGMENT ARRIVES, Tcp/TcpInput.cs and the state
    /// files), <see cref="Dispatch"/> (output, Tcp/TcpOutput.cs), <see cref="RunTimers"/> and <see cref="PollAt"/>
    /// (the next deadline), and the user calls (Tcp/UserCalls.cs). The stack only demultiplexes, owns the slot and
    /// listener tables and the interface; time, configuration, counters and the egress path reach the connection
    /// through its <see cref="StackContext"/>. Allocated once per slot; <see cref="Reset"/> reuses it.
    /// </summary>
    internal sealed partial class TcpConnection
    {
        public readonly ByteRing SendBuffer;
        public readonly ByteRing ReceiveBuffer;
        public readonly ReassemblyTable Reassembly;
        public readonly RetransmissionTimer Rto = new RetransmissionTimer();
        public readonly CongestionControl Congestion = new CongestionControl();
        public readonly TcpTimers Timers = new TcpTimers();
        private readonly StackContext _ctx;

        // Slot bookkeeping. The handle the application sees: generation in bits 8..29, slot in bits 0..7.
        public int Handle;
        public TcpState State;
        /// <summary>Listener index while the connection waits in a backlog (-1 once accepted or for active opens).</summary>
        public int Listener
        {
            get { return (short)_listenerAndError; }
            set { _listenerAndError = (_listenerAndError & ~0xFFFF) | (value & 0xFFFF); }
        }
        /// <summary>Order of arrival in the backlog (Accept takes the oldest), then the time TIME-WAIT began (reclaim the oldest).</summary>
        public long Since;
        /// <summary>Why the connection ended (a <see cref="TcpError"/> constant).</summary>
        public int LastError
        {
            get { return _listenerAndError >> 16; }
            set { _listenerAndError = (_listenerAndError & 0xFFFF) | (value << 16); }
        }
        // Listener index (a listener handle holds 8 bits of it) in the low 16 bits, LastError (a small negative
        // constant) in the high 16 bits, both signed: one 12-byte heap block on nanoCLR instead of two.
        private int _listenerAndError;

        // Endpoints. Both ports in one field, local in the high 16 bits: the demultiplexer compares them at once.
        public uint RemoteIp;
        public int Ports;
        public int LocalPort
        {
            get { return (Ports >> 16) & 0xFFFF; }
            set { Ports = (Ports & 0xFFFF) | (value << 16); }
        }
        public int RemotePort
        {
            get { return Ports & 0xFFFF; }
            set { Ports = (int)((uint)Ports & 0xFFFF0000) | (value & 0xFFFF); }
        }

        /// <summary>The value <see cref="Ports"/> has for this pair of ports.</summary>
        public static int PackPorts(int localPort, int remotePort)
        {
            return (localPort << 16) | (remotePort & 0xFFFF);
        }

        // Send sequence variables (RFC 9293 §3.3.1) plus SND.MAX, the highest sequence number sent.
        public uint Iss, SndUna, SndNxt, SndMax, SndWl1, SndWl2;
        public int SndWnd;
        public int MaxSndWnd;
        /// <summary>Sequence number of the first byte in <see cref="SendBuffer"/>.</summary>
        public uint SendBufferSeq;
        public int SendMss;

        // Receive sequence variables.
        public uint Irs, RcvNxt;
        /// <summary>RCV.NXT + RCV.WND as last advertised: the right edge never moves left (RFC 9293 §3.8.6).</summary>
        public uint RcvAdvertisedEdge;
        public uint PendingFinSeq;

        // Retransmission, probes and ACK bookkeeping (the deadlines live in Timers).
        public uint RttSeq;
        public long RttStartMs;
        public int PersistProbes;
        // Four small counters packed one per byte (each field is a 12-byte heap block on nanoCLR).
        private int _counters;
        /// <summary>When we last answered an out-of-window segment without data (ACK-loop limiter), Off = never.</summary>
        public long LastOutOfWindowAckMs;
        public int Retransmissions;

        // RFC 5961 §7 challenge-ACK budget of this connection (see ChallengeAck.cs for why it is per connection).
        private long _challengeWindowStart;
        private int _challengeAcks;

        // Booleans packed into one field (nanoCLR spends a 12-byte heap block per field). The accessors test
        // and set the bit in place rather than through a helper: each call costs the interpreter a frame.
        // Internal so the stack's per-Poll passes test FlagInUse without a call.
        internal int _flags;
        internal const int FlagInUse = 1;
        private const int FlagUserClosed = 2, FlagUserOwned = 4, FlagFinQueued = 8, FlagFinReceived = 16,
                          FlagPendingFin = 32, FlagSwsOverride = 64, FlagAckNow = 128, FlagRttTiming = 256, FlagActive = 512,
                          FlagNoDelay = 1024, FlagDelayedAck = 2048, FlagKeepAlive = 4096, FlagProbeOwed = 8192;

        public TcpConnection(StackContext ctx, int slot, int sendBuffer, int receiveBuffer, int outOfOrderRanges)
        {
            _ctx = ctx;
            Handle = slot;
            SendBuffer = new ByteRing(sendBuffer);
            ReceiveBuffer = new ByteRing(receiveBuffer);
            Reassembly = new ReassemblyTable(outOfOrderRanges);
            Rto.Configure(ctx.Config);
            Reset(1);
        }

        /// <summary>The slot is taken (possibly only to report an error, state Closed).</summary>
        public bool InUse { get { return (_flags & FlagInUse) != 0; } set { if (value) _flags |= FlagInUse; else _flags &= ~FlagInUse; } }
        /// <summary>The application called Close: the slot is freed as soon as the connection reaches CLOSED.</summary>
        public bool UserClosed { get { return (_flags & FlagUserClosed) != 0; } set { if (value) _flags |= FlagUserClosed; else _flags &= ~FlagUserClosed; } }
        /// <summary>The application owns a handle (Connect or Accept returned it).</summary>
        public bool UserOwned { get { return (_flags & FlagUserOwned) != 0; } set { if (value) _flags |= FlagUserOwned; else _flags &= ~FlagUserOwned; } }
        /// <summary>The application shut down sending: a FIN follows the queued data.</summary>
        public bool FinQueued { get { return (_flags & FlagFinQueued) != 0; } set { if (value) _flags |= FlagFinQueued; else _flags &= ~FlagFinQueued; } }
        /// <summary>The peer's FIN has been consumed (end of stream after the buffered data).</summary>
        public bool FinReceived { get { return (_flags & FlagFinReceived) != 0; } set { if (value) _flags |= FlagFinReceived; else _flags &= ~FlagFinReceived; } }
        /// <summary>A FIN arrived beyond a hole; consumed when the hole fills.</summary>
        public bool PendingFin { get { return (_flags & FlagPendingFin) != 0; } set { if (value) _flags |= FlagPendingFin; else _flags &= ~FlagPendingFin; } }
        /// <summary>The SWS override timer fired: a short segment may go.</summary>
        public bool SwsOverride { get { return (_flags & FlagSwsOverride) != 0; } set { if (value) _flags |= FlagSwsOverride; else _flags &= ~FlagSwsOverride; } }
        /// <summary>An ACK is owed and goes out with the next Dispatch.</summary>
        public bool AckNow { get { return (_flags & FlagAckNow) != 0; } set { if (value) _flags |= FlagAckNow; else _flags &= ~FlagAckNow; } }
        /// <summary>A segment is being timed for an RTT sample (ends at <see cref="RttSeq"/>).</summary>
        public bool RttTiming { get { return (_flags & FlagRttTiming) != 0; } set { if (value) _flags |= FlagRttTiming; else _flags &= ~FlagRttTiming; } }
        /// <summary>The connection is on the stack's list of slots in use (maintained by the stack).</summary>
        public bool Active { get { return (_flags & FlagActive) != 0; } set { if (value) _flags |= FlagActive; else _flags &= ~FlagActive; } }
        /// <summary>Nagle off (TCP_NODELAY).</summary>
        public bool NoDelay { get { return (_flags & FlagNoDelay) != 0; } set { if (value) _flags |= FlagNoDelay; else _flags &= ~FlagNoDelay; } }
        /// <summary>Delayed ACKs on (RFC 1122 4.2.3.2).</summary>
        public bool DelayedAck { get { return (_flags & FlagDelayedAck) != 0; } set { if (value) _flags |= FlagDelayedAck; else _flags &= ~FlagDelayedAck; } }
        /// <summary>Keepalive probes on (RFC 1122 4.2.3.6).</summary>
        public bool KeepAlive { get { return (_flags & FlagKeepAlive) != 0; } set { if (value) _flags |= FlagKeepAlive; else _flags &= ~FlagKeepAlive; } }

        /// <summary>A keepalive probe is due and goes out with the next Dispatch (it may wait for ARP there).</summary>
        public bool ProbeOwed { get { return (_flags & FlagProbeOwed) != 0; } set { if (value) _flags |= FlagProbeOwed; else _flags &= ~FlagProbeOwed; } }

        /// <summary>Consecutive retransmission timeouts (retry budget, RFC 1122 4.2.3.5); saturates at 255.</summary>
        public int Retries { get { return _counters & 0xFF; } set { _counters = (_counters & ~0xFF) | (value > 255 ? 255 : value); } }
        /// <summary>Zero-window probe backoff exponent (at most 16).</summary>
        public int PersistShift { get { return (_counters >> 8) & 0xFF; } set { _counters = (_counters & ~0xFF00) | ((value > 255 ? 255 : value) << 8); } }
        /// <summary>Keepalive probes sent without an answer; saturates at 255.</summary>
        public int KeepAliveProbes { get { return (_counters >> 16) & 0xFF; } set { _counters = (_counters & ~0xFF0000) | ((value > 255 ? 255 : value) << 16); } }
        /// <summary>Full segments received since our last ACK (every second one is ACKed at once).</summary>
        public int UnackedSegments { get { return (_counters >> 24) & 0xFF; } set { _counters = (_counters & ~unchecked((int)0xFF000000)) | ((value > 255 ? 255 : value) << 24); } }

        public int Slot { get { return Handle & 0xFF; } }
        public int Generation { get { return Handle >> 8; } }

        /// <summary>Sequence number our FIN occupies (meaningful once <see cref="FinQueued"/>).</summary>
        public uint FinSeq { get { return SendBufferSeq + (uint)SendBuffer.Count; } }

        /// <summary>Our FIN has been sent at least once.</summary>
        public bool FinSent { get { return FinQueued && SequenceNumber.Gt(SndMax, FinSeq); } }

        /// <summary>Our FIN has been acknowledged.</summary>
        public bool FinAcked { get { return FinQueued && SequenceNumber.Gt(SndUna, FinSeq); } }

        /// <summary>Bytes (and SYN/FIN) sent but not acknowledged.</summary>
        public int Flight { get { return SequenceNumber.Diff(SndNxt, SndUna); } }

        /// <summary>Clears every variable for a new connection in this slot (buffers keep their memory).</summary>
        public void Reset(int generation)
        {
            Handle = (generation << 8) | Slot;
            StackConfig cfg = _ctx.Config;
            _flags &= FlagActive;
            NoDelay = !cfg.Nagle;
            DelayedAck = cfg.DelayedAck;
            KeepAlive = cfg.KeepAliveEnabled;
            State = TcpState.Closed;
            Listener = -1;
            Since = 0;
            LastError = TcpError.None;
            LocalPort = RemotePort = 0;
            RemoteIp = 0;
            Iss = SndUna = SndNxt = SndMax = SndWl1 = SndWl2 = SendBufferSeq = 0;
            SndWnd = MaxSndWnd = 0;
            SendMss = 536;
            Irs = RcvNxt = RcvAdvertisedEdge = 0;
            PendingFinSeq = 0;
            SendBuffer.Clear();
            ReceiveBuffer.Clear();
            Reassembly.Clear();
            Rto.Reset();
            Timers.StopAll();
            _counters = 0;
            PersistProbes = Retransmissions = 0;
            RttSeq = 0;
            RttStartMs = 0;
            LastOutOfWindowAckMs = TcpTimers.Off;
            _challengeWindowStart = long.MinValue;
            _challengeAcks = 0;
        }

        /// <summary>Initial values common to active and passive opens (the slot was just claimed).</summary>
        public void Open(uint remoteIp, int remotePort, int localPort, uint iss)
        {
            RemoteIp = remoteIp;
            RemotePort = remotePort;
            LocalPort = localPort;
            Iss = iss;
            SndUna = SndNxt = SndMax = Iss;
            SendBufferSeq = Iss + 1;
            SendMss = _ctx.Config.DefaultPeerMss < _ctx.Mss ? _ctx.Config.DefaultPeerMss : _ctx.Mss;
            Congestion.Reset(SendMss, Iss);
        }

        /// <summary>Active open (RFC 9293 §3.10.1): SYN-SENT; the SYN goes out with the next Dispatch.</summary>
        public void OpenActive(uint remoteIp, int remotePort, int localPort, uint iss)
        {
            Open(remoteIp, remotePort, localPort, iss);
            UserOwned = true;
            SetState(TcpState.SynSent);
        }

        /// <summary>poll_at: when this connection needs the next Poll (<see cref="TcpTimers.Off"/> when idle).</summary>
        public long PollAt()
        {
            if ((_flags & FlagInUse) == 0 || State == TcpState.Closed) return TcpTimers.Off;
            // What Dispatch could not send (an owed ACK or probe) waits for ARP: the ARP deadline covers it.
            return Timers.Next();
        }

        public void SetState(TcpState next)
        {
            TcpState previous = State;
            if (previous == next) return;
            State = next;
            if (next == TcpState.Established) _ctx.Counters.TcpConnectionsEstablished++;
            if (_ctx.Tracer != null) _ctx.Tracer.TcpStateChanged(Handle, previous, next, _ctx.Now);
        }

        /// <summary>
        /// The connection reached CLOSED. The slot is freed at once unless the application still holds the
        /// handle, in which case it stays (state Closed, with <paramref name="error"/>) until Close or Abort.
        /// </summary>
        public void EnterClosed(int error)
        {
            if (error != TcpError.None) LastError = error;
            SetState(TcpState.Closed);
            if (UserClosed || !UserOwned)
            {
                Free();
                return;
            }
            Timers.StopAll();
            SendBuffer.Clear();
            Reassembly.Clear();
            AckNow = false;
        }

        /// <summary>Returns the slot to the pool; the generation changes on reuse, so old handles go stale.</summary>
        public void Free()
        {
            if (State != TcpState.Closed) SetState(TcpState.Closed);
            InUse = false;
            Reset(Generation);
        }

        /// <summary>
        /// A RST from this connection, &lt;SEQ=<paramref name="seq"/>&gt;, no ACK. When the next hop is being resolved
        /// (its ARP entry was forgotten after repeated timeouts) the RST waits in the reset queue for the answer: the
        /// peer must still learn that the connection is gone (RFC 9293 §3.10.7, RFC 1122 4.2.3.5).
        /// </summary>
        private void SendReset(uint seq)
        {
            if (ClosedPort.SendReset(_ctx, RemoteIp, LocalPort, RemotePort, seq, 0, false) == NetworkInterface.Waiting)
                _ctx.Resets.Add(RemoteIp, LocalPort, RemotePort, seq);
        }

        /// <summary>
        /// Queues a RST for a connection being aborted (sent by the next Poll). Its SEQ is SND.MAX, which equals
        /// SND.NXT except after a timeout rewound SND.NXT; the peer's RCV.NXT can be anywhere up to SND.MAX, and a
        /// RST below it would be ignored there (RFC 5961 §3.2).
        /// </summary>
        public void QueueReset()
        {
            _ctx.Resets.Add(RemoteIp, LocalPort, RemotePort, SndMax);
            _ctx.WorkPending = true;
        }

        /// <summary>The timers that are due, in order: close, retransmission, persist, keepalive, delayed ACK, SWS override.</summary>
        public void RunTimers()
        {
            long now = _ctx.Now;
            if (!Timers.AnyDue(now)) return;
            if (Timers.Expired(TcpTimers.Close, now))
            {
                if (State == TcpState.TimeWait) TimeWaitExpired();
                else if (State == TcpState.FinWait2) FinWait2TimedOut();
                return;
            }
            if (Timers.Expired(TcpTimers.Retransmission, now) && !RetransmissionTimeout()) return;
            if (Timers.Expired(TcpTimers.Persist, now) && !PersistTimeout()) return;
            if (Timers.Expired(TcpTimers.KeepAlive, now) && !KeepAliveTimeout()) return;
            if (Timers.Expired(TcpTimers.DelayedAck, now)) AckNow = true;
            if (Timers.Expired(TcpTimers.SwsOverride, now)) SwsOverride = true;
        }
    }
}
