#include <cstdio>
#include <vector>

#include <fmt/format.h>

#include "cli/commands.hpp"

int main(int argc, char** argv) {
  using namespace ardent::cli;
  CLI::App app{"ardent: a clinical rules language and triage engine"};
  app.set_version_flag("--version", fmt::format("ardent {} (DSL version {})", ardent::kEngineVersion, ardent::kDslVersion));
  app.require_subcommand(1);
  app.fallthrough(false);

  std::vector<Command> commands{add_check(app), add_eval(app), add_test(app), add_repl(app),
                                add_questionnaire(app), add_serve(app)};
  commands.push_back(add_store_commands(app));

  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    app.exit(e);
    return kExitUsage;
  }
  for (auto& c : commands)
    if (c.app && c.app->parsed()) return c.run();
  return kExitUsage;
}
