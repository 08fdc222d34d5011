namespace NanoTcp.Firmware
{
    /// <summary>
    /// <c>netstat</c>: the application's listeners and every used connection slot in the Linux <c>netstat -tan</c>
    /// layout (Proto, Recv-Q, Send-Q, Local Address, Foreign Address, State), followed by the retransmission count
    /// and the slot number that <c>close</c> and <c>abort</c> take.
    /// </summary>
    public sealed class NetstatCommand : TableCommand
    {
        private const int RecvQEnd = 12;
        private const int SendQEnd = 19;
        private const int LocalColumn = 20;
        private const int ForeignColumn = 44;
        private const int StateColumn = 68;
        private const int FixedRows = 2;


        /// <summary>Creates the command.</summary>
        public NetstatCommand() : base("netstat", "netstat", "listeners and TCP connections (slot, state, queues)")
        {
        }

        /// <inheritdoc />
        protected override bool WriteRow(ShellContext context, int row)
        {
            AsciiWriter output = context.Output;
            ListenerTable listeners = context.Environment.Listeners;
            NetworkStack stack = context.Environment.Stack;
            if (row == 0)
            {
                output.WriteLine("Active Internet connections (servers and established)");
                return true;
            }
            if (row == 1)
            {
                output.Write("Proto Recv-Q Send-Q Local Address");
                output.PadTo(ForeignColumn);
                output.Write("Foreign Address");
                output.PadTo(StateColumn);
                output.Write("State");
                output.PadTo(StateColumn + TcpStateNames.MaxLength + 1);
                output.WriteLine("Retrans Slot");
                return true;
            }
            int listener = row - FixedRows;
            if (listener < listeners.Count)
            {
                if (listeners.Handle(listener) >= 0) WriteListener(output, listeners.Port(listener));
                return true;
            }
            int slot = listener - listeners.Count;
            if (slot >= stack.ConnectionSlotCount) return false;
            TcpConnectionInfo info = context.Environment.ConnectionInfo;
            if (stack.GetConnectionInfo(slot, info)) WriteConnection(output, info, slot);
            return true;
        }

        private static void WriteListener(AsciiWriter output, int port)
        {
            WriteQueues(output, 0, 0);
            output.PadTo(LocalColumn);
            output.WriteEndpoint(0, port);
            output.PadTo(ForeignColumn);
            output.Write("0.0.0.0:*");
            output.PadTo(StateColumn);
            output.WriteLine("LISTEN");
        }

        private static void WriteConnection(AsciiWriter output, TcpConnectionInfo info, int slot)
        {
            WriteQueues(output, info.ReceiveQueued, info.SendQueued);
            output.PadTo(LocalColumn);
            output.WriteEndpoint(info.LocalIp, info.LocalPort);
            output.PadTo(ForeignColumn);
            output.WriteEndpoint(info.RemoteIp, info.RemotePort);
            output.PadTo(StateColumn);
            output.Write(TcpStateNames.Name(info.State));
            output.PadTo(StateColumn + TcpStateNames.MaxLength + 1);
            output.WriteDecimal(info.Retransmissions, 7);
            output.WriteDecimal(slot, 5);
            output.NewLine();
        }

        private static void WriteQueues(AsciiWriter output, int receiveQueued, int sendQueued)
        {
            output.Write("tcp");
            output.WriteDecimal(receiveQueued, RecvQEnd - 3);
            output.WriteDecimal(sendQueued, SendQEnd - RecvQEnd);
        }
    }
}
