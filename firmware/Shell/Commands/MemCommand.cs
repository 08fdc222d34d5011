namespace NanoTcp.Firmware
{
    /// <summary>
    /// <c>mem</c>: use of the preallocated pools (connection slots and their buffers, ARP cache, telnet sessions)
    /// and the platform's heap figures.
    /// </summary>
    public sealed class MemCommand : TableCommand
    {
        private readonly ArpEntryInfo _entry = new ArpEntryInfo();

        /// <summary>Creates the command.</summary>
        public MemCommand() : base("mem", "mem", "buffer pool and heap usage")
        {
        }

        /// <inheritdoc />
        protected override bool WriteRow(ShellContext context, int row)
        {
            ShellEnvironment env = context.Environment;
            AsciiWriter output = context.Output;
            NetworkStack stack = env.Stack;
            StackConfig config = env.Settings.Stack;
            switch (row)
            {
                case 0:
                    output.Write("tcp slots:   ");
                    WriteUsed(output, stack.ConnectionSlotCount - stack.FreeConnectionSlots, stack.ConnectionSlotCount);
                    output.Write("  (send ");
                    output.WriteDecimal(config.SendBufferSize);
                    output.Write(" B + receive ");
                    output.WriteDecimal(config.ReceiveBufferSize);
                    output.WriteLine(" B each)");
                    return true;
                case 1:
                    WriteQueued(stack, env.ConnectionInfo, output);
                    return true;
                case 2:
                    output.Write("listeners:   ");
                    WriteUsed(output, env.Listeners.Count, config.ListenerSlots);
                    output.NewLine();
                    return true;
                case 3:
                    output.Write("arp cache:   ");
                    WriteUsed(output, CountArpEntries(stack), stack.ArpEntryCount);
                    output.NewLine();
                    return true;
                case 4:
                    output.Write("telnet:      ");
                    WriteUsed(output, env.Telnet.SessionsInUse, env.Telnet.SessionCount);
                    output.Write("  (output ");
                    output.WriteDecimal(env.Settings.SessionOutputBufferSize);
                    output.Write(" B, line ");
                    output.WriteDecimal(env.Settings.MaxLineLength);
                    output.WriteLine(" B each)");
                    return true;
                case 5:
                    WriteHeap(env.Platform, output);
                    return true;
                default:
                    return false;
            }
        }

        private static void WriteQueued(NetworkStack stack, TcpConnectionInfo info, AsciiWriter output)
        {
            long send = 0, receive = 0;
            for (int slot = 0; slot < stack.ConnectionSlotCount; slot++)
            {
                if (!stack.GetConnectionInfo(slot, info)) continue;
                send += info.SendQueued;
                receive += info.ReceiveQueued;
            }
            output.Write("tcp queued:  send ");
            output.WriteDecimal(send);
            output.Write(" B, receive ");
            output.WriteDecimal(receive);
            output.WriteLine(" B");
        }

        private int CountArpEntries(NetworkStack stack)
        {
            int used = 0;
            for (int i = 0; i < stack.ArpEntryCount; i++)
            {
                if (stack.GetArpEntry(i, _entry)) used++;
            }
            return used;
        }

        private static void WriteHeap(IFirmwarePlatform platform, AsciiWriter output)
        {
            uint total, free, largest;
            output.Write("heap:        ");
            if (!platform.GetMemoryInfo(out total, out free, out largest))
            {
                output.WriteLine("unknown on this platform");
                return;
            }
            output.WriteDecimal(free);
            output.Write(" B free of ");
            output.WriteDecimal(total);
            output.Write(" B, largest free block ");
            output.WriteDecimal(largest);
            output.WriteLine(" B");
        }

        private static void WriteUsed(AsciiWriter output, int used, int total)
        {
            output.WriteDecimal(used);
            output.Write(" used of ");
            output.WriteDecimal(total);
        }
    }
}
