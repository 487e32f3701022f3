// The truth of the Java part of `npm run bench -- accuracy` (src/bench/suites/accuracy-java.ts): every
// identifier use (`x`, `a.b`, `m()`, `T`) in the given source files, attributed by javac, with the
// position of the name of the declaration it resolves to when that declaration is in one of the files.
// Usage: java --add-exports jdk.compiler/com.sun.tools.javac.tree=ALL-UNNAMED JavaUses.java ROOT
//        MODULE FILE... (files relative to ROOT, compiled as part of MODULE with --patch-module).
// Prints one JSON array: {use:[file,line,col], name, def:[file,line,col], category, call}; columns in
// UTF-16 code units, 1-based. javac's own diagnostics are ignored: what it attributes is kept.
import com.sun.source.tree.*;
import com.sun.source.util.*;
import com.sun.tools.javac.tree.JCTree;
import javax.lang.model.element.*;
import javax.tools.*;
import java.io.File;
import java.nio.file.*;
import java.util.*;

public class JavaUses {
  static final Map<CompilationUnitTree, CharSequence> TEXT = new HashMap<>();

  static boolean spells(CompilationUnitTree u, long pos, Name name) {
    CharSequence t = TEXT.computeIfAbsent(u, x -> { try { return x.getSourceFile().getCharContent(true); } catch (Exception e) { return ""; } });
    return pos + name.length() <= t.length() && t.subSequence((int) pos, (int) pos + name.length()).toString().contentEquals(name);
  }

  public static void main(String[] args) throws Exception {
    Path root = Paths.get(args[0]).toAbsolutePath().normalize();
    String module = args[1];
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    StandardJavaFileManager fm = javac.getStandardFileManager(null, null, null);
    List<File> files = new ArrayList<>();
    for (int i = 2; i < args.length; i++) files.add(root.resolve(args[i]).toFile());
    List<String> opts = List.of("--patch-module", module + "=" + root, "-proc:none", "-Xmaxerrs", "0", "-XDshould-stop.at=FLOW");
    JavacTask task = (JavacTask) javac.getTask(null, fm, d -> {}, opts, null, fm.getJavaFileObjectsFromFiles(files));
    Iterable<? extends CompilationUnitTree> units = task.parse();
    task.analyze();
    Trees trees = Trees.instance(task);
    SourcePositions sp = trees.getSourcePositions();
    StringBuilder out = new StringBuilder("[");
    boolean[] first = { true };
    for (CompilationUnitTree unit : units) {
      String rel = root.relativize(Paths.get(unit.getSourceFile().toUri()).normalize()).toString().replace(File.separatorChar, '/');
      new TreePathScanner<Void, Void>() {
        void use(Tree t, Name name, long start) {
          Element e = trees.getElement(getCurrentPath());
          if (e == null || name.contentEquals("this") || name.contentEquals("super") || name.contentEquals("class")) return;
          TreePath dp = trees.getPath(e);
          if (dp == null) return;
          CompilationUnitTree du = dp.getCompilationUnit();
          Tree leaf = dp.getLeaf();
          if (!(leaf instanceof ClassTree || leaf instanceof MethodTree || leaf instanceof VariableTree)) return;
          long dpos = ((JCTree) leaf).getPreferredPosition();
          // Trees javac made up (implicit constructors, enum methods, lambda parameter types) have no
          // position of their own or one that does not spell the name: left out.
          if (start < 0 || dpos < 0 || !spells(unit, start, name) || !spells(du, dpos, name)) return;
          String drel = root.relativize(Paths.get(du.getSourceFile().toUri()).normalize()).toString().replace(File.separatorChar, '/');
          String cat;
          switch (e.getKind()) {
            case LOCAL_VARIABLE: case PARAMETER: case EXCEPTION_PARAMETER: case RESOURCE_VARIABLE: case BINDING_VARIABLE: cat = "local"; break;
            case FIELD: cat = e.getModifiers().contains(Modifier.STATIC) ? "static field" : "field"; break;
            case ENUM_CONSTANT: cat = "enum constant"; break;
            case METHOD: cat = e.getModifiers().contains(Modifier.STATIC) ? "static method" : "method"; break;
            case CONSTRUCTOR: return; // `new T()` is a use of T here (the identifier's element is the class)
            case CLASS: case INTERFACE: case ENUM: case RECORD: case ANNOTATION_TYPE: cat = "type"; break;
            default: return;
          }
          if (t instanceof MemberSelectTree && !cat.equals("type")) cat = "qualified " + cat;
          Tree parent = getCurrentPath().getParentPath().getLeaf();
          boolean call = parent instanceof MethodInvocationTree && ((MethodInvocationTree) parent).getMethodSelect() == t;
          LineMap ul = unit.getLineMap(), dl = du.getLineMap();
          long ul1 = ul.getLineNumber(start), dl1 = dl.getLineNumber(dpos);
          if (!first[0]) out.append(',');
          first[0] = false;
          out.append("{\"use\":[\"").append(rel).append("\",").append(ul1).append(',').append(start - ul.getStartPosition(ul1) + 1)
             .append("],\"name\":\"").append(name).append("\",\"def\":[\"").append(drel).append("\",").append(dl1).append(',')
             .append(dpos - dl.getStartPosition(dl1) + 1).append("],\"category\":\"").append(cat).append("\",\"call\":").append(call).append('}');
        }
        @Override public Void visitIdentifier(IdentifierTree t, Void v) {
          use(t, t.getName(), sp.getStartPosition(unit, t));
          return super.visitIdentifier(t, v);
        }
        @Override public Void visitMemberSelect(MemberSelectTree t, Void v) {
          long end = sp.getEndPosition(unit, t);
          if (end > 0) use(t, t.getIdentifier(), end - t.getIdentifier().length());
          return super.visitMemberSelect(t, v);
        }
        @Override public Void visitImport(ImportTree t, Void v) { return null; }
        @Override public Void visitPackage(PackageTree t, Void v) { return null; }
      }.scan(unit, null);
    }
    System.out.println(out.append(']'));
  }
}
