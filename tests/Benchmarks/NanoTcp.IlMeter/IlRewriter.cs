using System.Collections.Generic;
using System.IO;
using System.Linq;
using Mono.Cecil;
using Mono.Cecil.Cil;
using Mono.Cecil.Rocks;

namespace NanoTcp.IlMeter
{
    /// <summary>
    /// Rewrites copies of the portable assemblies so that every basic block first calls <see cref="Meter.Block"/>
    /// with what the block costs on nanoCLR, which executes the compiler's IL one instruction at a time:
    /// <list type="bullet">
    /// <item>IL: the block's instruction count (the injected call itself is not counted);</item>
    /// <item>native: calls to methods that are <c>InternalCall</c> in nanoFramework's mscorlib (<see cref="NativeMethods"/>);</item>
    /// <item>alloc: <c>newobj</c>, <c>newarr</c>, <c>box</c>, plus what nanoCLR does with value types: one heap
    /// object per struct-typed local at each method entry (nf-interpreter src/CLR/Core/Execution.cpp,
    /// <c>InitializeLocals</c>) and one clone per <c>ldloc</c>/<c>ldarg</c>/<c>ldfld</c> of a struct value (what the
    /// interpreter's own counters showed, issue 11; the meter reproduces its 11, 27, 16 and 77 allocations);</item>
    /// <item>external: calls out to library methods that are managed IL on the device; their IL is not counted
    /// (the portable code should make none on a hot path).</item>
    /// </list>
    /// </summary>
    public sealed class IlRewriter
    {
        private readonly NativeMethods _native;
        private readonly HashSet<string> _metered;
        private readonly List<string> _methodNames = new List<string>();
        private readonly SortedSet<string> _nativeCalled = new SortedSet<string>();
        private readonly SortedSet<string> _externalCalled = new SortedSet<string>();

        public IlRewriter(NativeMethods native, IEnumerable<string> meteredAssemblies)
        {
            _native = native;
            _metered = new HashSet<string>(meteredAssemblies);
        }

        /// <summary>Names of the metered methods, by id.</summary>
        public IReadOnlyList<string> MethodNames => _methodNames;

        /// <summary>The device-native library methods the metered code calls (Type::Method).</summary>
        public IEnumerable<string> NativeCalled => _nativeCalled;

        /// <summary>The managed (or host-only) library methods the metered code calls.</summary>
        public IEnumerable<string> ExternalCalled => _externalCalled;

        /// <summary>Rewrites <paramref name="source"/> into <paramref name="destinationFolder"/>.</summary>
        public void Rewrite(string source, string destinationFolder)
        {
            var resolver = new DefaultAssemblyResolver();
            resolver.AddSearchDirectory(Path.GetDirectoryName(source));
            resolver.AddSearchDirectory(Path.GetDirectoryName(typeof(object).Assembly.Location));
            using var assembly = AssemblyDefinition.ReadAssembly(source, new ReaderParameters { AssemblyResolver = resolver });
            ModuleDefinition module = assembly.MainModule;
            MethodReference block = module.ImportReference(typeof(Meter).GetMethod(nameof(Meter.Block)));
            foreach (TypeDefinition type in module.GetTypes())
            {
                foreach (MethodDefinition method in type.Methods)
                {
                    if (method.HasBody) Instrument(method, block);
                }
            }
            assembly.Write(Path.Combine(destinationFolder, Path.GetFileName(source)));
        }

        private void Instrument(MethodDefinition method, MethodReference block)
        {
            MethodBody body = method.Body;
            body.SimplifyMacros();
            int id = _methodNames.Count;
            _methodNames.Add(method.DeclaringType.FullName + "::" + method.Name);

            List<Instruction> leaders = Leaders(body);
            var injected = new Dictionary<Instruction, Instruction>();
            ILProcessor il = body.GetILProcessor();
            int structLocals = body.Variables.Count(v => IsStruct(v.VariableType));
            for (int b = 0; b < leaders.Count; b++)
            {
                Instruction start = leaders[b];
                Instruction end = b + 1 < leaders.Count ? leaders[b + 1] : null;
                int count = 0, native = 0, alloc = 0, external = 0;
                for (Instruction i = start; i != end; i = i.Next)
                {
                    count++;
                    Classify(i, ref native, ref alloc, ref external);
                }
                Instruction first = il.Create(OpCodes.Ldc_I4, count);
                il.InsertBefore(start, first);
                il.InsertBefore(start, il.Create(OpCodes.Ldc_I4, native));
                il.InsertBefore(start, il.Create(OpCodes.Ldc_I4, alloc));
                il.InsertBefore(start, il.Create(OpCodes.Ldc_I4, external));
                il.InsertBefore(start, il.Create(OpCodes.Ldc_I4, id));
                il.InsertBefore(start, il.Create(OpCodes.Call, block));
                injected[start] = first;
            }
            Retarget(body, injected);
            if (structLocals > 0)
            {
                // nanoCLR allocates each struct local once per call: counted before the first block, outside any loop
                // that branches back to it.
                Instruction entry = body.Instructions[0];
                il.InsertBefore(entry, il.Create(OpCodes.Ldc_I4_0));
                il.InsertBefore(entry, il.Create(OpCodes.Ldc_I4_0));
                il.InsertBefore(entry, il.Create(OpCodes.Ldc_I4, structLocals));
                il.InsertBefore(entry, il.Create(OpCodes.Ldc_I4_0));
                il.InsertBefore(entry, il.Create(OpCodes.Ldc_I4, id));
                il.InsertBefore(entry, il.Create(OpCodes.Call, block));
            }
            body.OptimizeMacros();
        }

        private void Classify(Instruction i, ref int native, ref int alloc, ref int external)
        {
            Code code = i.OpCode.Code;
            if (code == Code.Newobj || code == Code.Newarr || code == Code.Box) alloc++;
            if ((code == Code.Ldloc && IsStruct(((VariableDefinition)i.Operand).VariableType))
                || (code == Code.Ldarg && IsStruct(((ParameterDefinition)i.Operand).ParameterType))
                || ((code == Code.Ldfld || code == Code.Ldsfld) && IsStruct(((FieldReference)i.Operand).FieldType)))
            {
                alloc++;
            }
            if (code == Code.Call || code == Code.Callvirt || code == Code.Newobj)
            {
                var callee = (MethodReference)i.Operand;
                if (_metered.Contains(callee.DeclaringType.Scope is ModuleDefinition m ? m.Assembly.Name.Name : callee.DeclaringType.Scope.Name))
                {
                    return;
                }
                string name = callee.DeclaringType.FullName + "::" + callee.Name;
                if (_native.IsNative(callee))
                {
                    native++;
                    _nativeCalled.Add(name);
                }
                else if (!_native.IsTrivial(callee))
                {
                    external++;
                    _externalCalled.Add(name);
                }
            }
        }

        /// <summary>A value type nanoCLR keeps as a heap object: not a primitive, not an enum.</summary>
        private static bool IsStruct(TypeReference type)
        {
            if (!type.IsValueType || type.IsPrimitive || type.IsByReference || type.IsPointer) return false;
            TypeDefinition definition;
            try { definition = type.Resolve(); }
            catch (AssemblyResolutionException) { return true; }
            return definition == null || !definition.IsEnum;
        }

        private static List<Instruction> Leaders(MethodBody body)
        {
            var set = new HashSet<Instruction> { body.Instructions[0] };
            foreach (Instruction i in body.Instructions)
            {
                if (i.Operand is Instruction target) set.Add(target);
                if (i.Operand is Instruction[] targets) foreach (Instruction t in targets) set.Add(t);
                FlowControl flow = i.OpCode.FlowControl;
                bool endsBlock = flow == FlowControl.Branch || flow == FlowControl.Cond_Branch || flow == FlowControl.Return
                    || flow == FlowControl.Throw;
                if (endsBlock && i.Next != null) set.Add(i.Next);
            }
            foreach (ExceptionHandler h in body.ExceptionHandlers)
            {
                set.Add(h.TryStart);
                set.Add(h.HandlerStart);
                if (h.FilterStart != null) set.Add(h.FilterStart);
                if (h.TryEnd != null) set.Add(h.TryEnd);
                if (h.HandlerEnd != null) set.Add(h.HandlerEnd);
            }
            return body.Instructions.Where(set.Contains).ToList();
        }

        private static void Retarget(MethodBody body, Dictionary<Instruction, Instruction> injected)
        {
            foreach (Instruction i in body.Instructions)
            {
                if (i.Operand is Instruction target && injected.TryGetValue(target, out Instruction to)) i.Operand = to;
                if (i.Operand is Instruction[] targets)
                {
                    for (int t = 0; t < targets.Length; t++)
                    {
                        if (injected.TryGetValue(targets[t], out Instruction moved)) targets[t] = moved;
                    }
                }
            }
            foreach (ExceptionHandler h in body.ExceptionHandlers)
            {
                h.TryStart = Map(h.TryStart, injected);
                h.TryEnd = Map(h.TryEnd, injected);
                h.HandlerStart = Map(h.HandlerStart, injected);
                h.HandlerEnd = Map(h.HandlerEnd, injected);
                h.FilterStart = Map(h.FilterStart, injected);
            }
        }

        private static Instruction Map(Instruction i, Dictionary<Instruction, Instruction> injected) =>
            i != null && injected.TryGetValue(i, out Instruction to) ? to : i;
    }
}
