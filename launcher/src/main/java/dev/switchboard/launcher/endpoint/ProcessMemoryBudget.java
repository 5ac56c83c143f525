package dev.switchboard.launcher.endpoint;

import static java.lang.System.Logger.Level.WARNING;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigValue;
import dev.switchboard.api.MemoryBudget;

/**
 * The process's one {@link MemoryBudget}, made from {@code switchboard.memory-budget} by the first
 * configuration that asks for it and shared by every endpoint from then on, those a reload adds
 * among them: the buffers it accounts for are the process's, whichever configuration made their
 * endpoint. A reload that changes the setting keeps the budget, and says that a restart applies it.
 */
public final class ProcessMemoryBudget {

    private static final System.Logger LOG = System.getLogger("switchboard.launcher");

    private MemoryBudget budget;
    private ConfigValue setting;

    /**
     * @param config the effective configuration
     * @return the budget, made from {@code config} the first time
     * @throws dev.switchboard.launcher.LaunchException naming the file and line if the setting is
     *     neither a size nor {@code auto}, whether or not the budget is made from it
     */
    public synchronized MemoryBudget of(Config config) {
        MemoryBudget configured = MemoryBudgets.configured(config);
        if (budget == null) {
            budget = configured;
            setting = config.getValue(MemoryBudgets.PATH);
        } else if (!config.getValue(MemoryBudgets.PATH).equals(setting)) {
            LOG.log(WARNING, MemoryBudgets.PATH + " changed from " + setting.render() + " to "
                    + config.getValue(MemoryBudgets.PATH).render() + ": the budget stays " + budget
                    + " until a restart");
            setting = config.getValue(MemoryBudgets.PATH);
        }
        return budget;
    }
}
