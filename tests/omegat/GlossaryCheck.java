// Prints the glossary entries OmegaT 3.6's own readers (TBX, tab-separated) load from two files, one
// "KIND<TAB>source<TAB>target" line per target term. Run by tests/omegat/test_omegat_glossary.py with
//     java -cp /usr/share/omegat/OmegaT.jar GlossaryCheck.java PROJECT_DIR TERMS.tbx TERMS.utf8

import java.io.File;
import java.util.List;
import org.omegat.core.Core;
import org.omegat.core.data.ProjectProperties;
import org.omegat.core.data.RealProject;
import org.omegat.gui.glossary.GlossaryEntry;
import org.omegat.gui.glossary.GlossaryReaderTBX;
import org.omegat.gui.glossary.GlossaryReaderTSV;

public class GlossaryCheck {
    public static void main(String[] args) throws Exception {
        ProjectProperties props = new ProjectProperties(new File(args[0]));
        props.setSourceLanguage("zh-CN");
        props.setTargetLanguage("en");
        Core.setProject(new RealProject(props));
        print("TBX", GlossaryReaderTBX.read(new File(args[1]), false));
        print("TSV", GlossaryReaderTSV.read(new File(args[2]), false));
    }

    static void print(String kind, List<GlossaryEntry> entries) {
        for (GlossaryEntry e : entries) {
            for (String loc : e.getLocTerms(false)) {
                System.out.println(kind + "\t" + e.getSrcText().replace('\t', ' ') + "\t" + loc.replace('\t', ' '));
            }
        }
    }
}
